import { createDatabase as createPostgresDatabase, databaseUrl, dropDatabase } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { inject } from "vitest";
import { closeDatabase, createDatabase, type Database } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";

/**
 * A migrated database of its own, for a test whose fixed data (the demo seed's public ids) would
 * collide with another file's in the run's shared database, or whose job queue runs on a test clock
 * (pg-boss's cron bookkeeping is per database, shared with the other files' queues on the real clock). Slower than the shared one: use it
 * only there. `drop()` closes and removes it.
 */
export async function createScratchDatabase(): Promise<{ db: Database; url: string; drop(): Promise<void> }> {
  const serverUrl = databaseUrl(inject("adminDatabaseUrl"), "postgres");
  const name = `a360_scratch_${process.pid}_${Date.now()}`;
  const roles = await bootstrapDatabaseRoles(await createPostgresDatabase(serverUrl, name));
  await migrateDatabase(roles.api);
  const db = createDatabase(roles.api);
  return {
    db,
    url: roles.api,
    drop: async () => {
      await closeDatabase(db);
      await dropDatabase(serverUrl, name);
    },
  };
}
