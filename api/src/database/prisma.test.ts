import pg from "pg";
import { afterAll, expect, inject, it } from "vitest";
import { createDatabase, getSqlPool } from "./prisma.ts";

const db = createDatabase(inject("databaseUrl"));
afterAll(() => db.$disconnect());

it("keeps serving after Postgres ends one of the pool's idle connections", async () => {
  const pool = getSqlPool(db);
  const { rows } = await pool.query<{ pid: number }>("select pg_backend_pid() as pid");
  const admin = new pg.Client(inject("databaseUrl"));
  await admin.connect();
  try {
    await admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
    await expect.poll(() => pool.totalCount).toBe(0);
  } finally {
    await admin.end();
  }
  expect((await pool.query<{ one: number }>("select 1 as one")).rows[0]!.one).toBe(1);
});
