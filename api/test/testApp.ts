import { pino } from "pino";
import { inject } from "vitest";
import { createApp } from "../src/app.ts";
import { readApiConfig } from "../src/config.ts";
import { createDatabase } from "../src/database/prisma.ts";

/** The real app on the run's test database, driven in-process through `app.request`. */
export function createTestApp(env: Record<string, string> = {}) {
  const config = readApiConfig({ DATABASE_URL: inject("databaseUrl"), LOG_LEVEL: "silent", ...env });
  const db = createDatabase(config.DATABASE_URL);
  const app = createApp({ db, config, logger: pino({ level: "silent" }) });
  return { app, db, config };
}
