/**
 * One fresh database per test run on a real Postgres (DATABASE_URL, else 127.0.0.1:5432, else an
 * embedded server), with the product's roles, migrated once as the api's role and dropped at the end.
 */

import { findFreePort } from "@a360/scripts/ports";
import { createDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../src/database/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's database as the api's role, as the api connects in production. */
    databaseUrl: string;
    /** The same database as the server's superuser, for fixtures the api role may not make. */
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await findTestPostgres(await findFreePort());
  const name = `a360_api_test_${process.pid}_${Date.now()}`;
  const adminDatabaseUrl = await createDatabase(server.url, name);
  const roles = await bootstrapDatabaseRoles(adminDatabaseUrl);
  await migrateDatabase(roles.api);
  project.provide("databaseUrl", roles.api);
  project.provide("adminDatabaseUrl", adminDatabaseUrl);

  return async () => {
    await dropDatabase(server.url, name);
    await server.stop();
  };
}
