import { pino } from "pino";
import { inject } from "vitest";
import { createApp } from "../src/app.ts";
import { readApiConfig } from "../src/config.ts";
import { createDatabase } from "../src/database/prisma.ts";
import { createPublicReadCache } from "../src/public-reads/createPublicReadCache.ts";

/**
 * The real app on the run's test database, driven in-process through `app.request`, with its
 * public read cache listening for changes.
 */
export async function createTestApp(env: Record<string, string> = {}) {
  const config = readApiConfig({ DATABASE_URL: inject("databaseUrl"), LOG_LEVEL: "silent", ...env });
  const logger = pino({ level: "silent" });
  const db = createDatabase(config.DATABASE_URL);
  const publicReads = await createPublicReadCache(config, logger);
  const app = createApp({ db, config, logger, publicReads });
  return { app, db, config, publicReads };
}
