import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { repositoryRoot } from "@a360/scripts/stack";
import pg from "pg";

export interface MirrorDatabase {
  /** As the server's superuser, for the test's own reads and tampering. */
  url: string;
  /** As the indexer's role, as the product runs Ponder. */
  indexerUrl: string;
  db: pg.Client;
  logFile: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file's indexers, and a log file for their output. */
export async function createMirrorDatabase(name: string): Promise<MirrorDatabase> {
  const server = await findTestPostgres(await findFreePort());
  const databaseName = `a360_${name.replaceAll("-", "_")}_${process.pid}`;
  await dropDatabase(server.url, databaseName);
  const url = await createDatabase(server.url, databaseName);
  const roles = await bootstrapDatabaseRoles(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const logDir = path.join(repositoryRoot, "test-results");
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  writeFileSync(logFile, "");
  return {
    url,
    indexerUrl: roles.indexer,
    db,
    logFile,
    drop: async () => {
      await db.end().catch(() => {});
      await dropDatabase(server.url, databaseName).catch(() => {});
      await server.stop();
    },
  };
}
