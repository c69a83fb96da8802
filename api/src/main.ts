import { pino } from "pino";
import { startAnchorSync } from "./anchoring/startAnchorSync.ts";
import { createApp } from "./app.ts";
import { readApiConfig } from "./config.ts";
import { createApiServer } from "./createApiServer.ts";
import { closeDatabase, createDatabase } from "./database/Database.ts";
import { JobQueue } from "./jobs/JobQueue.ts";
import { ModelValueCache } from "./passports/ModelValueCache.ts";
import { createPublicReadCache } from "./public-reads/createPublicReadCache.ts";
import { RateLimits } from "./rate-limits/RateLimits.ts";
import { registerJobs } from "./registerJobs.ts";

const config = readApiConfig();
const logger = pino({ level: config.LOG_LEVEL, name: "api" });
const db = createDatabase(config.DATABASE_URL);
const publicReads = await createPublicReadCache(config, logger);
const rateLimits = new RateLimits(config, db);
const jobs = new JobQueue({ connectionString: config.DATABASE_URL, logger, runWorkers: config.JOB_WORKERS });
const outboxes = registerJobs(jobs, db, config, logger);
await jobs.start();
const modelValues = new ModelValueCache(publicReads.feed);
const app = createApp({
  db,
  config,
  logger,
  publicReads,
  modelValues,
  outboxes,
  rateLimits,
  serviceOutbox: outboxes.service,
});

const server = createApiServer(app, publicReads, rateLimits);
server.listen(config.API_PORT, config.API_HOST, () => {
  logger.info(`api listening on http://${config.API_HOST}:${config.API_PORT}/api/v1 (docs at /api/v1/docs)`);
});

const stopAnchorSync = startAnchorSync(db, config, logger);

function shutdown(): void {
  stopAnchorSync();
  void publicReads.feed.stop();
  server.close(() => {
    void jobs
      .stop()
      .then(() => closeDatabase(db))
      .finally(() => process.exit(0));
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
