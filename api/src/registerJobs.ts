import type { Logger } from "pino";
import { purgeExpiredSignInsJob } from "./auth/purgeExpiredSignIns.ts";
import type { ApiConfig } from "./config.ts";
import type { Database } from "./database/Database.ts";
import { importJobRunner } from "./imports/importJobRunner.ts";
import type { JobQueue } from "./jobs/JobQueue.ts";
import { purgeRateLimitWindowsJob } from "./rate-limits/PostgresRateLimitStore.ts";
import { registerServiceJobs } from "./service-records/registerServiceJobs.ts";

/**
 * Every feature's jobs, registered on the queue in one place (the api and `pnpm worker` both call
 * this). Returns the outboxes routes send to.
 */
export function registerJobs(queue: JobQueue, db: Database, config: ApiConfig, logger: Logger) {
  queue.addSchedule(purgeExpiredSignInsJob(db));
  queue.addSchedule(purgeRateLimitWindowsJob(db));
  return {
    imports: queue.addOutbox(importJobRunner(db, logger)),
    service: registerServiceJobs(queue, db, config, logger),
  };
}

export type Outboxes = ReturnType<typeof registerJobs>;
