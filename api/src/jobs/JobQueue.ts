import { type Clock, type Db, PgBoss } from "pg-boss";
import type { Logger } from "pino";

/** Postgres schema of the queue's tables, in the api's database. */
export const JOBS_SCHEMA = "jobs";

/** A job pg-boss starts on a recurring schedule (cron, UTC). Runs once per slot across all workers. */
export interface ScheduledJob {
  /** Queue name, unique in the product: `<feature>.<what>`, e.g. `auth.purge-expired-sign-ins`. */
  name: string;
  cron: string;
  run(): Promise<void>;
}

/** A job a feature sends (an outbox: a chain write, a delivery) and a worker runs, retried on failure. */
export interface OutboxJob<Data extends object> {
  name: string;
  run(data: Data): Promise<void>;
  /** Tries after the first failure, with exponential backoff (default 5). */
  retryLimit?: number;
  /** Wake a worker the moment a job is sent (LISTEN/NOTIFY) rather than at its next poll: someone is waiting. */
  wakeWorkers?: boolean;
}

export interface SendJobOptions {
  /** Send inside the caller's transaction (an outbox row commits with the write that needs it). */
  db?: Db;
  /** At most one job per key is queued at a time. */
  singletonKey?: string;
  startAfter?: Date;
}

export interface Outbox<Data extends object> {
  send(data: Data, options?: SendJobOptions): Promise<string | null>;
}

export interface JobQueueOptions {
  connectionString: string;
  logger: Logger;
  /** Run the handlers and the schedules in this process (the api in development, `pnpm worker` in production). */
  runWorkers: boolean;
  /** Time source; tests pass pg-boss's TestClock to move time by hand. */
  clock?: Clock;
  /** Seconds between a worker's polls for new jobs (default 2). */
  pollingIntervalSeconds?: number;
}

/**
 * The product's one job queue (pg-boss in the api's database). Features register their jobs
 * before `start()`; every process that sends jobs starts one, and the processes with
 * `runWorkers` also run them. A job is taken by one worker only, however many processes run.
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #options: JobQueueOptions;
  readonly #schedules = new Map<string, ScheduledJob>();
  readonly #outboxes = new Map<string, OutboxJob<object>>();
  #started = false;

  constructor(options: JobQueueOptions) {
    this.#options = options;
    this.#boss = new PgBoss({
      connectionString: options.connectionString,
      schema: JOBS_SCHEMA,
      application_name: "a360-jobs",
      max: 4,
      schedule: options.runWorkers,
      useListenNotify: options.runWorkers,
      supervise: options.runWorkers,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.#boss.on("error", (error) => options.logger.error({ err: error }, "job queue error"));
  }

  /** Registers a scheduled job; call before `start()`. */
  addSchedule(job: ScheduledJob): void {
    this.#assertNew(job.name);
    this.#schedules.set(job.name, job);
  }

  /** Registers an outbox job; call before `start()`. The returned outbox sends once the queue has started. */
  addOutbox<Data extends object>(job: OutboxJob<Data>): Outbox<Data> {
    this.#assertNew(job.name);
    this.#outboxes.set(job.name, job as OutboxJob<object>);
    return {
      send: (data, options = {}) =>
        this.#boss.send(job.name, data, {
          ...(options.db ? { db: options.db } : {}),
          ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
          ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        }),
    };
  }

  async start(): Promise<void> {
    await this.#boss.start();
    this.#started = true;
    for (const [name, job] of this.#outboxes) {
      await this.#boss.createQueue(name, {
        retryLimit: job.retryLimit ?? 5,
        retryBackoff: true,
        ...(job.wakeWorkers ? { notify: true } : {}),
      });
    }
    for (const name of this.#schedules.keys()) {
      // A slot missed while no worker ran is not worth replaying: the next one does the same work.
      await this.#boss.createQueue(name, { retryLimit: 0, policy: "singleton" });
    }
    if (!this.#options.runWorkers) return;
    const polling = { pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2 };
    for (const [name, job] of this.#schedules) {
      await this.#boss.schedule(name, job.cron);
      await this.#boss.work(name, polling, () => job.run());
    }
    for (const [name, job] of this.#outboxes) {
      await this.#boss.work<object>(name, polling, async ([received]) => {
        if (received) await job.run(received.data);
      });
    }
  }

  /** Stops taking jobs, lets running handlers finish (up to `timeoutMs`), and closes the pool. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, timeout: timeoutMs });
  }

  #assertNew(name: string): void {
    if (this.#started) throw new Error(`job ${name} registered after the queue started`);
    if (this.#schedules.has(name) || this.#outboxes.has(name)) throw new Error(`job ${name} is registered twice`);
  }
}
