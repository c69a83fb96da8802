import type { ClientRateLimitInfo, Store } from "hono-rate-limiter";
import { sql } from "kysely";
import type { Database } from "../database/Database.ts";
import type { ScheduledJob } from "../jobs/JobQueue.ts";
import { type RateLimitClock, windowStartOf } from "./RateLimitClock.ts";

/**
 * hono-rate-limiter's store in Postgres (table app.rate_limit_window), so every api process counts
 * a client's requests together: one upsert per request, fine for routes that write anyway (sign-in).
 * Windows are fixed and aligned, read from the injected clock (the processes' clocks agree well enough).
 */
export class PostgresRateLimitStore implements Store {
  readonly #db: Database;
  readonly #prefix: string;
  readonly #clock: RateLimitClock;
  #windowMs = 60_000;

  constructor(db: Database, prefix: string, clock: RateLimitClock) {
    this.#db = db;
    this.#prefix = prefix;
    this.#clock = clock;
  }

  init(options: { windowMs: number }): void {
    this.#windowMs = Math.max(1000, options.windowMs);
  }

  #windowStart(): Date {
    return new Date(windowStartOf(this.#clock.now(), this.#windowMs));
  }

  #key(key: string): string {
    return `${this.#prefix}:${key}`.slice(0, 200);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const windowStart = this.#windowStart();
    const { rows } = await sql<{ hits: number }>`
      insert into app.rate_limit_window (key, window_start)
      values (${this.#key(key)}, ${windowStart})
      on conflict (key, window_start) do update set hits = rate_limit_window.hits + 1
      returning hits`.execute(this.#db.sql);
    return { totalHits: rows[0]!.hits, resetTime: new Date(windowStart.getTime() + this.#windowMs) };
  }

  async decrement(key: string): Promise<void> {
    await sql`
      update app.rate_limit_window set hits = hits - 1
       where key = ${this.#key(key)}
         and window_start = ${this.#windowStart()}`.execute(this.#db.sql);
  }

  async resetKey(key: string): Promise<void> {
    await sql`delete from app.rate_limit_window where key = ${this.#key(key)}`.execute(this.#db.sql);
  }
}

/** Every ten minutes, windows older than an hour go (the longest window is a minute). */
export function purgeRateLimitWindowsJob(db: Database): ScheduledJob {
  return {
    name: "http.purge-rate-limit-windows",
    cron: "*/10 * * * *",
    run: async () => {
      await sql`delete from app.rate_limit_window where window_start < now() - interval '1 hour'`.execute(db.sql);
    },
  };
}
