/**
 * One fresh database per test run on a real Postgres (DATABASE_URL, else 127.0.0.1:5432, else an
 * embedded server), migrated once and dropped at the end.
 */

import { findFreePort } from "@a360/scripts/ports";
import { createDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../src/database/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await findTestPostgres(await findFreePort());
  const name = `a360_api_test_${process.pid}_${Date.now()}`;
  const databaseUrl = await createDatabase(server.url, name);
  await migrateDatabase(databaseUrl);
  project.provide("databaseUrl", databaseUrl);

  return async () => {
    await dropDatabase(server.url, name);
    await server.stop();
  };
}
