import { serve } from "@hono/node-server";
import { pino } from "pino";
import { startAnchorSync } from "./anchoring/startAnchorSync.ts";
import { createApp } from "./app.ts";
import { readApiConfig } from "./config.ts";
import { createDatabase } from "./database/prisma.ts";
import { createPublicReadCache } from "./public-reads/createPublicReadCache.ts";

const config = readApiConfig();
const logger = pino({ level: config.LOG_LEVEL, name: "api" });
const db = createDatabase(config.DATABASE_URL);
const publicReads = await createPublicReadCache(config, logger);
const app = createApp({ db, config, logger, publicReads });

const server = serve({ fetch: app.fetch, hostname: config.API_HOST, port: config.API_PORT }, (info) => {
  logger.info(`api listening on http://${info.address}:${info.port}/api/v1 (docs at /api/v1/docs)`);
});

const stopAnchorSync = startAnchorSync(db, config, logger);

function shutdown(): void {
  stopAnchorSync();
  void publicReads.feed.stop();
  server.close(() => {
    void db.$disconnect().finally(() => process.exit(0));
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
