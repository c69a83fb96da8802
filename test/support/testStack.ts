import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase, dropDatabase, findTestPostgres, type PostgresServer } from "@a360/scripts/postgres";
import { repositoryRoot, type Stack, startStack } from "@a360/scripts/stack";
import { inject } from "vitest";
import type {} from "./globalSetup.ts";

export interface TestStack extends Stack {
  /** The product's database, fresh for this stack. */
  databaseUrl: string;
  logFile: string;
  tailLog(lines?: number): string;
  teardown(): Promise<void>;
}

/**
 * The whole product on free ports and a fresh database, serving the run's one production build of the web.
 * Service output goes to a log file; tests print its tail when they fail.
 */
export async function startTestStack(name: string): Promise<TestStack> {
  const logDir = path.join(repositoryRoot, "test-results");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  writeFileSync(logFile, "");
  const log = (service: string, line: string) => appendFileSync(logFile, `[${service}] ${line}\n`);

  buildWebOnce((line) => log("web-build", line));

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

const webDir = path.join(repositoryRoot, "web");
const buildStamp = path.join(webDir, ".next", "a360-test-run");

/**
 * `pnpm --filter @a360/web build` once per test run: the build names no port (the browser reaches the
 * api and the chain through the web's own origin), so every end-to-end file serves the same one.
 * A360_WEB_BUILD=reuse keeps whatever build is there (iterating on a test without touching web/).
 */
function buildWebOnce(log: (line: string) => void): void {
  const runId = inject("testRunId");
  const reuse = process.env.A360_WEB_BUILD === "reuse" && existsSync(path.join(webDir, ".next", "BUILD_ID"));
  if (reuse || (existsSync(buildStamp) && readFileSync(buildStamp, "utf8") === runId)) return;
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_PUBLIC_CHAIN_RPC_URL;
  const build = spawnSync("pnpm", ["run", "build"], { cwd: webDir, env, encoding: "utf8" });
  log(`${build.stdout}\n${build.stderr}`);
  if (build.status !== 0) throw new Error(`the web's build failed:\n${build.stdout}\n${build.stderr}`);
  writeFileSync(buildStamp, runId);
}
