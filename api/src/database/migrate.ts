/**
 * Applies the SQL migrations in prisma/migrations (written by `migration:new` from the Prisma
 * schema) with postgrator. Prisma's own `migrate deploy` needs a native engine these machines
 * cannot download. Each migration runs in a transaction; an advisory lock lets several processes
 * start against one database at once.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import Postgrator from "postgrator";

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");
const MIGRATION_LOCK_KEY = 36_0001;

export async function migrateDatabase(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query("create schema if not exists app");
    const postgrator = new Postgrator({
      migrationPattern: path.join(migrationsDir, "*.sql"),
      driver: "pg",
      schemaTable: "app.schema_migration",
      execQuery: (query) => client.query(query),
      execSqlScript: async (script) => {
        await client.query("begin");
        try {
          await client.query(script);
          await client.query("commit");
        } catch (error) {
          await client.query("rollback");
          throw error;
        }
      },
    });
    const applied = await postgrator.migrate();
    return applied.map((migration) => migration.filename);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
