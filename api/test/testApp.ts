import { pino } from "pino";
import { inject } from "vitest";
import type { AppServices } from "../src/AppServices.ts";
import { createApp } from "../src/app.ts";
import { readApiConfig } from "../src/config.ts";
import { createDatabase } from "../src/database/Database.ts";
import { JobQueue } from "../src/jobs/JobQueue.ts";
import { ModelValueCache } from "../src/passports/ModelValueCache.ts";
import { createPublicReadCache } from "../src/public-reads/createPublicReadCache.ts";
import { RateLimits } from "../src/rate-limits/RateLimits.ts";
import { type Outboxes, registerJobs } from "../src/registerJobs.ts";

/**
 * The real app on the run's test database, driven in-process through `app.request`, with its
 * public read cache listening for changes.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { jobs?: boolean; modelValueClock?: { now(): number }; rateLimitClock?: { now(): number } } = {},
) {
  const config = readApiConfig({
    DATABASE_URL: inject("databaseUrl"),
    LOG_LEVEL: "silent",
    // Every in-process request comes from one unknown address, across all test files of a run
    // (sign-in counts live in Postgres); the rate limit tests set their own limits.
    RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000000",
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: "1000000",
    ...env,
  });
  const logger = pino({ level: "silent" });
  const db = createDatabase(config.DATABASE_URL);
  const publicReads = await createPublicReadCache(config, logger);
  // The job queue only where a test needs its workers (imports): starting one costs a few hundred ms.
  let jobs: JobQueue | undefined;
  const noQueue = () => Promise.reject(new Error("this test app has no job queue: createTestApp(env, { jobs: true })"));
  let outboxes: Outboxes = {
    imports: { send: noQueue },
    service: { afterCompletion: () => Promise.resolve(), afterNotify: () => Promise.resolve() },
  };
  if (options.jobs) {
    jobs = new JobQueue({
      connectionString: config.DATABASE_URL,
      logger,
      runWorkers: true,
      pollingIntervalSeconds: 0.5,
    });
    outboxes = registerJobs(jobs, db, config, logger);
    await jobs.start();
  }
  const modelValues = new ModelValueCache(publicReads.feed, { clock: options.modelValueClock });
  const rateLimits = new RateLimits(config, db, { clock: options.rateLimitClock });
  const services: AppServices = {
    db,
    config,
    logger,
    publicReads,
    modelValues,
    outboxes,
    rateLimits,
    ...(options.jobs ? { serviceOutbox: outboxes.service } : {}),
  };
  const app = createApp(services);
  return {
    app,
    db,
    config,
    publicReads,
    modelValues,
    rateLimits,
    services,
    stopJobs: () => jobs?.stop() ?? Promise.resolve(),
  };
}
