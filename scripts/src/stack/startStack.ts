/**
 * Starts the whole product on one machine: a Hardhat node, the contracts deployed to it, the
 * database migrated and seeded, the indexer, the api and the web. `pnpm dev` and the browser
 * end-to-end test both run it.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { bootstrapDatabaseRoles } from "../databaseRoles.ts";
import { DEV_ACCOUNTS, DEV_SERVICE_PROVIDER, getDevPrivateKey } from "../devAccounts.ts";
import type { Ports } from "../ports.ts";
import { ServiceProcess } from "./ServiceProcess.ts";
import { seedChain } from "./seedChain.ts";
import { startDevPriceFeed } from "./startDevPriceFeed.ts";
import { isHttpOk, isRpcUp, waitFor } from "./waitFor.ts";

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Ponder's schema for the live mirror, and the views schema the api reads. */
export const INDEXER_SCHEMA = "indexer";
export const MIRROR_VIEWS_SCHEMA = "chain";

export interface StackOptions {
  ports: Ports;
  /**
   * The product's database (it must exist), as a role that may create roles (the server's
   * superuser in development and CI). Only the role bootstrap uses it: the api and the indexer
   * run as their own roles.
   */
  databaseUrl: string;
  /** `dev` for hot reload, `start` to serve a build (`next build` must have run), `none` to skip. */
  web: "dev" | "start" | "none";
  log?: (service: string, line: string) => void;
}

export interface Stack {
  urls: { chain: string; api: string; indexer: string; web: string };
  services: ServiceProcess[];
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { ports, databaseUrl } = options;
  const log = options.log ?? ((service, line) => console.log(`[${service}] ${line}`));
  const urls = {
    chain: `http://127.0.0.1:${ports.chain}`,
    api: `http://127.0.0.1:${ports.api}`,
    indexer: `http://127.0.0.1:${ports.indexer}`,
    web: `http://localhost:${ports.web}`,
  };
  const services: ServiceProcess[] = [];
  const start = (name: string, cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const service = new ServiceProcess(name, "pnpm", ["exec", ...args], {
      cwd: path.join(repositoryRoot, cwd),
      env: { CHAIN_PORT: String(ports.chain), ...env },
      onLine: (line) => log(name, line),
    });
    services.push(service);
    return service;
  };
  let priceFeed: { stop(): void } | undefined;
  const stop = async () => {
    priceFeed?.stop();
    for (const service of [...services].reverse()) await service.stop();
  };

  try {
    log("stack", `starting a local chain on ${urls.chain}`);
    start("chain", ".", ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(ports.chain)]);
    await waitFor("the Hardhat node", () => isRpcUp(urls.chain), 60_000);

    log("stack", "deploying the contracts");
    await runToEnd(start("deploy", "contracts", ["tsx", "scripts/deploy.ts"]));

    // The Prisma client is generated, not committed: a fresh clone has none until this runs.
    log("stack", "generating the api's database client");
    await runToEnd(start("generate", "api", ["pnpm", "run", "--silent", "generate"]));

    log("stack", "forgetting the previous chain's mirror, making the database roles, migrating");
    await dropChainMirror(databaseUrl);
    const roles = await bootstrapDatabaseRoles(databaseUrl, {
      indexerSchema: INDEXER_SCHEMA,
      mirrorViewsSchema: MIRROR_VIEWS_SCHEMA,
    });
    await runToEnd(start("migrate", "api", ["tsx", "src/database/migrateCli.ts"], { DATABASE_URL: roles.api }));

    log("stack", "seeding demo data");
    await seedChain(urls.chain);
    priceFeed = await startDevPriceFeed(urls.chain);
    await runToEnd(
      start("seed", "api", ["tsx", "tools/seed/seedCli.ts"], {
        DATABASE_URL: roles.api,
        SEED_MEMBER_ADDRESSES: DEV_ACCOUNTS.join(","),
        CHAIN_RPC_URL: urls.chain,
      }),
    );

    log("stack", "anchoring the demo passports, then changing one of them");
    await anchorDemoPassports(start, roles.api, urls.chain);

    const indexer = start(
      "indexer",
      "indexer",
      [
        "ponder",
        "start",
        "--schema",
        INDEXER_SCHEMA,
        "--views-schema",
        MIRROR_VIEWS_SCHEMA,
        "--port",
        String(ports.indexer),
        "--hostname",
        "127.0.0.1",
        "--log-format",
        "pretty",
      ],
      { DATABASE_URL: roles.indexer, CHAIN_RPC_URL: urls.chain, PONDER_TELEMETRY_DISABLED: "true" },
    );
    const api = start("api", "api", ["tsx", "src/main.ts"], {
      DATABASE_URL: roles.api,
      API_PORT: String(ports.api),
      CHAIN_RPC_URL: urls.chain,
      CHAIN_MIRROR_SCHEMA: MIRROR_VIEWS_SCHEMA,
      PUBLIC_WEB_URL: urls.web,
      SIWE_DOMAINS: `localhost:${ports.web},127.0.0.1:${ports.web}`,
      // The demo centre's staked service-provider wallet (dev key #3, local chain only) records its repairs.
      REPAIR_SIGNER_KEYS: getDevPrivateKey(DEV_SERVICE_PROVIDER),
    });
    await waitForService(indexer, "the indexer to catch up", `${urls.indexer}/ready`, 120_000);
    await waitForService(api, "the api", `${urls.api}/api/v1/health`, 60_000);

    if (options.web !== "none") {
      const web = start(
        "web",
        "web",
        ["tsx", "server.ts", options.web, "--port", String(ports.web), "--hostname", "127.0.0.1"],
        {
          A360_API_URL: urls.api,
          CHAIN_RPC_URL: urls.chain,
          NEXT_TELEMETRY_DISABLED: "1",
        },
      );
      await waitForService(web, "the web", urls.web.replace("localhost", "127.0.0.1"), 180_000);
    }
    return { urls, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * `pnpm anchor` for the demo manufacturer (dev account #1, granted by the deployer), then one demo
 * passport changes so that /p/... shows "changed since anchoring" for it and "verified" for the rest.
 */
async function anchorDemoPassports(
  start: (name: string, cwd: string, args: string[], env?: NodeJS.ProcessEnv) => ServiceProcess,
  databaseUrl: string,
  chainUrl: string,
): Promise<void> {
  const env = { DATABASE_URL: databaseUrl, CHAIN_RPC_URL: chainUrl };
  await runToEnd(start("anchor", "api", ["tsx", "tools/anchorCli.ts", "--rpc", chainUrl], env));
  await runToEnd(start("seed", "api", ["tsx", "tools/seed/changeDemoPassportCli.ts"], env));
}

async function runToEnd(service: ServiceProcess): Promise<void> {
  const code = await service.exited;
  if (code !== 0) throw new Error(`${service.name} failed with exit code ${code}`);
}

async function waitForService(service: ServiceProcess, what: string, url: string, timeoutMs: number) {
  let exitCode: number | null | undefined;
  void service.exited.then((code) => {
    exitCode = code;
  });
  await waitFor(
    what,
    async () => {
      if (exitCode !== undefined) throw new Error(`${service.name} exited with code ${exitCode}`);
      return isHttpOk(url);
    },
    timeoutMs,
  ).catch((error: Error) => {
    throw exitCode !== undefined
      ? new Error(`${service.name} exited with code ${exitCode} before it was ready`)
      : error;
  });
}

/**
 * A local chain is new at every start, so the mirror of the previous one must go: Ponder would
 * otherwise see a reorg past finality (it exits) or keep rows the new chain does not hold.
 */
export async function dropChainMirror(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${MIRROR_VIEWS_SCHEMA}" cascade`);
    await client.query(`drop schema if exists "${INDEXER_SCHEMA}" cascade`);
  } finally {
    await client.end();
  }
}
