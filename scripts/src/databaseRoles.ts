/**
 * The product's Postgres roles, least privilege. The api role owns `app` (its tables, made by its
 * migrations) and `jobs` (the job queue), and reads the chain mirror only through the views schema.
 * The indexer role owns the mirror (`indexer`, `ponder_sync`, the views schema) and can create its
 * own schemas, but cannot read `app`. Neither is a superuser or may create roles or databases.
 * A superuser (or a role with CREATEROLE that owns the database) runs this once per database, at
 * every `pnpm dev` and test run; it is idempotent and takes over what an older checkout made as the
 * superuser.
 */
import pg from "pg";
import { readPorts } from "./ports.ts";

export const API_ROLE = "a360_api";
export const INDEXER_ROLE = "a360_indexer";

export interface RolePasswords {
  api: string;
  indexer: string;
}

/** From API_DATABASE_PASSWORD / INDEXER_DATABASE_PASSWORD; the defaults are for development only. */
export function readRolePasswords(env: NodeJS.ProcessEnv = process.env): RolePasswords {
  return {
    api: env.API_DATABASE_PASSWORD || "a360_api_dev",
    indexer: env.INDEXER_DATABASE_PASSWORD || "a360_indexer_dev",
  };
}

export interface DatabaseRoleUrls {
  /** The api, its migrations, seeds, CLIs and job workers. */
  api: string;
  /** The indexer (Ponder). */
  indexer: string;
}

export interface DatabaseRoleOptions {
  passwords?: RolePasswords;
  /** Ponder's schema (default `indexer`). */
  indexerSchema?: string;
  /** Ponder's views schema, the one the api may read (default `chain`). */
  mirrorViewsSchema?: string;
}

export async function bootstrapDatabaseRoles(
  adminUrl: string,
  options: DatabaseRoleOptions = {},
): Promise<DatabaseRoleUrls> {
  const passwords = options.passwords ?? readRolePasswords();
  const views = options.mirrorViewsSchema ?? "chain";
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const database = (await client.query<{ name: string }>("select current_database() as name")).rows[0]!.name;
    await ensureRole(client, API_ROLE, passwords.api);
    await ensureRole(client, INDEXER_ROLE, passwords.indexer);
    const db = client.escapeIdentifier(database);
    await client.query(`grant connect, temporary on database ${db} to ${API_ROLE}, ${INDEXER_ROLE}`);
    // Both may create schemas, which they then own: Ponder makes its schemas by the names on its
    // command line, and `CREATE SCHEMA IF NOT EXISTS` (migration 001, pg-boss) needs the right even
    // when the schema exists. Creating a schema grants no access to anyone else's.
    await client.query(`grant create on database ${db} to ${API_ROLE}, ${INDEXER_ROLE}`);
    await client.query("revoke create on schema public from public");

    for (const schema of ["app", "jobs"]) await ensureSchemaOwnedBy(client, schema, API_ROLE);
    for (const schema of [options.indexerSchema ?? "indexer", "ponder_sync", views]) {
      await ensureSchemaOwnedBy(client, schema, INDEXER_ROLE);
    }
    await client.query(`revoke all on schema app, jobs from public`);
    const viewsSchema = client.escapeIdentifier(views);
    await client.query(`grant usage on schema ${viewsSchema} to ${API_ROLE}`);
    await client.query(`grant select on all tables in schema ${viewsSchema} to ${API_ROLE}`);
    // Ponder drops and recreates its views at every start; each new one is readable by the api.
    await client.query(
      `alter default privileges for role ${INDEXER_ROLE} in schema ${viewsSchema} grant select on tables to ${API_ROLE}`,
    );
    return {
      api: roleUrl(adminUrl, API_ROLE, passwords.api),
      indexer: roleUrl(adminUrl, INDEXER_ROLE, passwords.indexer),
    };
  } finally {
    await client.end();
  }
}

/** `url` with another user and password. */
export function roleUrl(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

async function ensureRole(client: pg.Client, role: string, password: string): Promise<void> {
  const attributes = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${client.escapeLiteral(password)}`;
  // Roles are the server's, not the database's: parallel test runs on one server race to make them.
  for (let attempt = 1; ; attempt++) {
    try {
      const exists = await client.query("select 1 from pg_roles where rolname = $1", [role]);
      await client.query(`${exists.rowCount === 0 ? "create" : "alter"} role ${role} ${attributes}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const racing = code === "42710" || code === "23505" || code === "XX000" || code === "40001";
      if (!racing || attempt >= 5) throw error;
    }
  }
}

/** Creates the schema for `owner`, or hands it and everything in it to `owner`. */
async function ensureSchemaOwnedBy(client: pg.Client, schema: string, owner: string): Promise<void> {
  const name = client.escapeIdentifier(schema);
  const found = await client.query<{ owner: string }>(
    "select pg_get_userbyid(nspowner) as owner from pg_namespace where nspname = $1",
    [schema],
  );
  if (found.rowCount === 0) {
    await client.query(`create schema ${name} authorization ${owner}`);
    return;
  }
  if (found.rows[0]!.owner !== owner) await client.query(`alter schema ${name} owner to ${owner}`);
  const relations = await client.query<{ name: string; kind: string }>(
    `select c.relname as name, c.relkind as kind from pg_class c
      where c.relnamespace = $1::regnamespace and pg_get_userbyid(c.relowner) <> $2
        and (c.relkind in ('r', 'p', 'v', 'm', 'f')
             or (c.relkind = 'S' and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))))`,
    [schema, owner],
  );
  const kinds: Record<string, string> = { v: "view", m: "materialized view", f: "foreign table", S: "sequence" };
  for (const relation of relations.rows) {
    await client.query(
      `alter ${kinds[relation.kind] ?? "table"} ${name}.${client.escapeIdentifier(relation.name)} owner to ${owner}`,
    );
  }
  const routines = await client.query<{ signature: string }>(
    `select p.oid::regprocedure::text as signature from pg_proc p
      where p.pronamespace = $1::regnamespace and pg_get_userbyid(p.proowner) <> $2`,
    [schema, owner],
  );
  for (const routine of routines.rows) await client.query(`alter routine ${routine.signature} owner to ${owner}`);
  const types = await client.query<{ name: string }>(
    `select t.typname as name from pg_type t
      where t.typnamespace = $1::regnamespace and t.typtype in ('e', 'd') and pg_get_userbyid(t.typowner) <> $2`,
    [schema, owner],
  );
  for (const type of types.rows) {
    await client.query(`alter type ${name}.${client.escapeIdentifier(type.name)} owner to ${owner}`);
  }
}

/**
 * The database `pnpm dev` runs on, as the api's role: DATABASE_URL when set, else the embedded
 * server's `a360` database on EMBEDDED_POSTGRES_PORT with API_DATABASE_PASSWORD (the same defaults
 * `pnpm dev` uses), so a CLI run beside `pnpm dev` reaches it without configuration. (Here, not in postgres.ts:
 * the embedded-postgres package hooks the process's exit, which a CLI must keep.)
 */
export function getDevApiDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const server = `postgres://127.0.0.1:${readPorts(env).postgres}/a360`;
  return roleUrl(server, API_ROLE, readRolePasswords(env).api);
}
