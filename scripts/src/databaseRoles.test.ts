import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROLE, bootstrapDatabaseRoles, type DatabaseRoleUrls, INDEXER_ROLE } from "./databaseRoles.ts";
import { findFreePort } from "./ports.ts";
import { createDatabase, dropDatabase, findTestPostgres, type PostgresServer } from "./postgres.ts";

let server: PostgresServer;
let adminUrl: string;
let roles: DatabaseRoleUrls;
const name = `a360_roles_test_${process.pid}`;

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function refusal(url: string, text: string): Promise<string | undefined> {
  return query(url, text).then(
    () => undefined,
    (error: { code?: string }) => error.code,
  );
}

beforeAll(async () => {
  server = await findTestPostgres(await findFreePort());
  await dropDatabase(server.url, name);
  adminUrl = await createDatabase(server.url, name);
  // What an older checkout left: the api's schema and a table made by the superuser.
  await query(
    adminUrl,
    "create schema app; create table app.legacy (secret text); insert into app.legacy values ('x')",
  );
  roles = await bootstrapDatabaseRoles(adminUrl);
  await query(roles.api, "create table app.tenant_secret (secret text); insert into app.tenant_secret values ('s')");
  // As Ponder does: its tables in its schema, published as views in the views schema.
  await query(
    roles.indexer,
    "create table indexer.listing (id int); insert into indexer.listing values (1); create view chain.listing as select * from indexer.listing",
  );
  await query(roles.indexer, "create table ponder_sync.blocks (number int)");
}, 60_000);

afterAll(async () => {
  await dropDatabase(server.url, name);
  await server.stop();
});

describe("the product's database roles", () => {
  it("are neither superusers nor allowed to make roles or databases", async () => {
    const { rows } = await query(
      adminUrl,
      `select rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls from pg_roles
        where rolname in ('${API_ROLE}', '${INDEXER_ROLE}') order by rolname`,
    );
    expect(rows).toEqual([
      { rolname: API_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
      { rolname: INDEXER_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false },
    ]);
  });

  it("keep the indexer's role (the one its HTTP server queries as) out of the api's tables", async () => {
    expect(await refusal(roles.indexer, "select * from app.tenant_secret")).toBe("42501");
    expect(await refusal(roles.indexer, "select * from app.legacy")).toBe("42501");
    // What a query that slipped past a validator would try next.
    expect(await refusal(roles.indexer, `set role ${API_ROLE}; select * from app.tenant_secret`)).toBe("42501");
    expect(await refusal(roles.indexer, "set session authorization postgres")).toBe("42501");
    expect(await refusal(roles.indexer, "create table app.planted (x int)")).toBe("42501");
  });

  it("let the api read the mirror through the views schema only", async () => {
    expect((await query(roles.api, "select id from chain.listing")).rows).toEqual([{ id: 1 }]);
    expect(await refusal(roles.api, "select * from indexer.listing")).toBe("42501");
    expect(await refusal(roles.api, "select * from ponder_sync.blocks")).toBe("42501");
    expect(await refusal(roles.api, "create view chain.planted as select 1")).toBe("42501");
  });

  it("hand what an older checkout made as the superuser to the api's role", async () => {
    expect((await query(roles.api, "select secret from app.legacy")).rows).toEqual([{ secret: "x" }]);
    const { rows } = await query(
      adminUrl,
      "select tableowner from pg_tables where schemaname = 'app' and tablename = 'legacy'",
    );
    expect(rows).toEqual([{ tableowner: API_ROLE }]);
  });

  it("can be made again on the same database (every pnpm dev does)", async () => {
    await bootstrapDatabaseRoles(adminUrl);
    expect((await query(roles.api, "select secret from app.tenant_secret")).rows).toEqual([{ secret: "s" }]);
  });
});
