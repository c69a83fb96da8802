/**
 * Prints the api's OpenAPI document (what GET /api/v1/openapi.json serves) without a database: the app is
 * assembled with services that never connect, and the document is asked for in-process. The web generates
 * its typed api client from this output at build and typecheck time (`pnpm --filter @a360/web generate`).
 */
import { pino } from "pino";
import { createApp } from "../src/app.ts";
import { readApiConfig } from "../src/config.ts";
import { createDatabase } from "../src/database/Database.ts";
import { ModelValueCache } from "../src/passports/ModelValueCache.ts";
import { PassportChangeFeed } from "../src/public-reads/PassportChangeFeed.ts";
import { PublicReadCache } from "../src/public-reads/PublicReadCache.ts";
import { RateLimits } from "../src/rate-limits/RateLimits.ts";

// Nothing below opens a connection: the pools are lazy and the change feed is never started.
const config = readApiConfig({ DATABASE_URL: "postgres://openapi@127.0.0.1:1/none", LOG_LEVEL: "silent" });
const logger = pino({ level: "silent" });
const db = createDatabase(config.DATABASE_URL);
const feed = new PassportChangeFeed(config.DATABASE_URL, logger);
const noQueue = () => Promise.reject(new Error("no job queue while printing the OpenAPI document"));
const app = createApp({
  db,
  config,
  logger,
  publicReads: new PublicReadCache(feed, { maxBytes: 1, ttlMs: 1 }),
  modelValues: new ModelValueCache(feed),
  outboxes: {
    imports: { send: noQueue },
    service: { afterCompletion: () => Promise.resolve(), afterNotify: () => Promise.resolve() },
  },
  rateLimits: new RateLimits(config, db),
});

const response = await app.request("/api/v1/openapi.json");
if (response.status !== 200) throw new Error(`the OpenAPI document answered ${response.status}`);
process.stdout.write(`${JSON.stringify(await response.json(), null, 2)}\n`);
process.exit(0);
