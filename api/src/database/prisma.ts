import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client.ts";

export type Database = PrismaClient;

const pools = new WeakMap<Database, pg.Pool>();

export function createDatabase(connectionString: string): Database {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 20 }) });
  const pool = new pg.Pool({ connectionString, max: 10, allowExitOnIdle: true });
  // An idle connection that Postgres ends (a restart, a shutdown) is dropped and replaced by the
  // pool; without a listener its error would crash the process. Queries report their own errors.
  pool.on("error", () => undefined);
  pools.set(db, pool);
  return db;
}

/**
 * A plain pg pool beside Prisma, for the hottest read (the public passport): Prisma's per-query
 * overhead is about 1 ms of CPU against 0.3 ms for pg on the same statement.
 */
export function getSqlPool(db: Database): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("this Database was not made by createDatabase");
  return pool;
}
