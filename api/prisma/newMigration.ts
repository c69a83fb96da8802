/**
 * Writes the next SQL migration: the difference between the schema as of the last migration
 * (prisma/migrations/schema.snapshot.prisma) and prisma/schema.prisma, via `prisma migrate diff`.
 * Usage: pnpm --filter @a360/api migration:new <name>   (needs a reachable Postgres in
 * DATABASE_URL or on 127.0.0.1:5432 for Prisma's js engine; nothing is written to it).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const prismaDir = path.dirname(fileURLToPath(import.meta.url));
const migrationsDir = path.join(prismaDir, "migrations");
const snapshot = path.join(migrationsDir, "schema.snapshot.prisma");
const schema = path.join(prismaDir, "schema.prisma");

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: migration:new <name in snake_case>");
  process.exit(1);
}

const versions = readdirSync(migrationsDir)
  .map((file) => /^(\d+)\.do\./.exec(file)?.[1])
  .filter((version): version is string => version !== undefined)
  .map(Number);
const next = String(Math.max(0, ...versions) + 1).padStart(3, "0");

const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const sql = execFileSync("prisma", ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
  encoding: "utf8",
  env: {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? schema,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? schema,
  },
});
if (sql.includes("This is an empty migration")) {
  console.log("schema unchanged: no migration written");
  process.exit(0);
}
const file = path.join(migrationsDir, `${next}.do.${name}.sql`);
writeFileSync(file, sql);
copyFileSync(schema, snapshot);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
