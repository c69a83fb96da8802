import { sql } from "kysely";
import pg from "pg";
import { afterAll, expect, inject, it } from "vitest";
import { closeDatabase, createDatabase } from "./Database.ts";

const db = createDatabase(inject("databaseUrl"));
afterAll(() => closeDatabase(db));

const backendPid = async () =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.sql)).rows[0]!.pid;

it("keeps serving SQL after Postgres ends one of the pool's idle connections", async () => {
  const pid = await backendPid();
  const admin = new pg.Client(inject("databaseUrl"));
  await admin.connect();
  try {
    await admin.query("select pg_terminate_backend($1)", [pid]);
    await expect
      .poll(async () => (await admin.query("select 1 from pg_stat_activity where pid = $1", [pid])).rowCount)
      .toBe(0);
  } finally {
    await admin.end();
  }
  expect(await backendPid()).not.toBe(pid);
});

it("reads the tables of the schema app through both halves", async () => {
  const [viaPrisma, viaSql] = await Promise.all([
    db.prisma.attributeDefinition.count(),
    db.sql
      .selectFrom("attribute_definition")
      .select(db.sql.fn.countAll<string>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  expect(viaPrisma).toBeGreaterThan(0);
  expect(Number(viaSql.count)).toBe(viaPrisma);
});
