import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase, dropDatabase, findTestPostgres, type PostgresServer } from "@a360/scripts/postgres";
import { repositoryRoot, type Stack, startStack } from "@a360/scripts/stack";

export interface TestStack extends Stack {
  /** The product's database, fresh for this stack. */
  databaseUrl: string;
  logFile: string;
  tailLog(lines?: number): string;
  teardown(): Promise<void>;
}

/**
 * The whole product on free ports and a fresh database, with the web built for those ports.
 * Service output goes to a log file; tests print its tail when they fail.
 */
export async function startTestStack(name: string): Promise<TestStack> {
  const logDir = path.join(repositoryRoot, "test-results");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  writeFileSync(logFile, "");
  const log = (service: string, line: string) => appendFileSync(logFile, `[${service}] ${line}\n`);

  const ports = {
    chain: await findFreePort(),
    api: await findFreePort(),
    indexer: await findFreePort(),
    web: await findFreePort(),
    postgres: await findFreePort(),
  };
  const server: PostgresServer = await findTestPostgres(ports.postgres);
  const databaseName = `a360_${name.replaceAll("-", "_")}_${process.pid}`;
  const databaseUrl = await createDatabase(server.url, databaseName);

  const build = spawnSync("pnpm", ["exec", "next", "build"], {
    cwd: path.join(repositoryRoot, "web"),
    env: { ...process.env, NEXT_PUBLIC_CHAIN_RPC_URL: `http://127.0.0.1:${ports.chain}`, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  log("web-build", `${build.stdout}\n${build.stderr}`);
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);

  const stack = await startStack({ ports, databaseUrl, web: "start", log }).catch((error: Error) => {
    throw new Error(`${error.message}\n--- stack log ---\n${tail(logFile, 60)}`);
  });
  return {
    ...stack,
    databaseUrl,
    logFile,
    tailLog: (lines = 60) => tail(logFile, lines),
    teardown: async () => {
      await stack.stop();
      await dropDatabase(server.url, databaseName).catch(() => {});
      await server.stop();
    },
  };
}

function tail(file: string, lines: number): string {
  return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}
