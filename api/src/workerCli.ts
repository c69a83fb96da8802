/**
 * `pnpm --filter @a360/api worker`: the job queue's workers and schedules as their own process, for
 * deployments whose api processes run with JOB_WORKERS=false. Any number may run; each job is taken once.
 */
import { pino } from "pino";
import { readApiConfig } from "./config.ts";
import { closeDatabase, createDatabase } from "./database/Database.ts";
import { JobQueue } from "./jobs/JobQueue.ts";
import { registerJobs } from "./registerJobs.ts";

const config = readApiConfig();
const logger = pino({ level: config.LOG_LEVEL, name: "worker" });
const db = createDatabase(config.DATABASE_URL);
const jobs = new JobQueue({ connectionString: config.DATABASE_URL, logger, runWorkers: true });
registerJobs(jobs, db, config, logger);
await jobs.start();
logger.info("job workers running");

async function shutdown(): Promise<void> {
  await jobs.stop();
  await closeDatabase(db);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
