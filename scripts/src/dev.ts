/**
 * `pnpm dev`: the whole product on this machine. Postgres comes from DATABASE_URL, or an embedded
 * server with its data in .data/postgres (kept between runs). Ctrl-C stops everything.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { assertPortsFree, readPorts } from "./ports.ts";
import { createDatabase, externalPostgres, type PostgresServer, startEmbeddedPostgres } from "./postgres.ts";
import { repositoryRoot, startStack } from "./stack/startStack.ts";

const envFile = path.join(repositoryRoot, ".env");
if (existsSync(envFile)) process.loadEnvFile(envFile);

const ports = readPorts();
const external = process.env.DATABASE_URL;
await assertPortsFree([
  { name: "chain", variable: "CHAIN_PORT", port: ports.chain },
  { name: "api", variable: "API_PORT", port: ports.api },
  { name: "indexer", variable: "INDEXER_PORT", port: ports.indexer },
  { name: "web", variable: "WEB_PORT", port: ports.web },
  ...(external ? [] : [{ name: "embedded Postgres", variable: "EMBEDDED_POSTGRES_PORT", port: ports.postgres }]),
]).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

const postgres: PostgresServer = external
  ? externalPostgres(external)
  : await startEmbeddedPostgres(path.join(repositoryRoot, ".data", "postgres"), ports.postgres);
const databaseUrl = external ?? (await createDatabase(postgres.url, "a360"));
console.log(`[stack] Postgres: ${postgres.kind === "embedded" ? "embedded, data in .data/postgres" : "DATABASE_URL"}`);

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("\n[stack] stopping…");
    await stack?.stop();
    await postgres.stop();
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

const stack = await startStack({ ports, databaseUrl, web: "dev" }).catch(async (error: Error) => {
  console.error(`[stack] ${error.message}`);
  await postgres.stop();
  process.exit(1);
});

for (const service of stack.services) {
  void service.exited.then((code) => {
    if (!stopping && !service.isStopping && ["chain", "indexer", "api", "web"].includes(service.name)) {
      console.error(`[stack] ${service.name} exited with code ${code}; stopping`);
      void shutdown(1);
    }
  });
}

console.log(`
A360 Exchange is running:
  web       ${stack.urls.web}
  api       ${stack.urls.api}/api/v1   (docs: ${stack.urls.api}/api/v1/docs)
  indexer   ${stack.urls.indexer}/status
  chain     ${stack.urls.chain}   (chain id 31337)
Press Ctrl-C to stop.`);
