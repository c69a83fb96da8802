import type { ClientRateLimitInfo, Store } from "hono-rate-limiter";
import { sql } from "kysely";
import type { Database } from "../database/Database.ts";
import type { ScheduledJob } from "../jobs/JobQueue.ts";

/**
 * hono-rate-limiter's store in Postgres (table app.rate_limit_window), so every api process counts
 * a client's requests together: one upsert per request, fine for routes that write anyway (sign-in).
 */
export class PostgresRateLimitStore implements Store {
  readonly #db: Database;
  readonly #prefix: string;
  #windowSeconds = 60;

  constructor(db: Database, prefix: string) {
    this.#db = db;
    this.#prefix = prefix;
  }

  init(options: { windowMs: number }): void {
    this.#windowSeconds = Math.max(1, Math.round(options.windowMs / 1000));
  }

  #key(key: string): string {
    return `${this.#prefix}:${key}`.slice(0, 200);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await sql<{ hits: number; window_start: Date }>`
      insert into app.rate_limit_window (key, window_start)
      values (${this.#key(key)}, to_timestamp(floor(extract(epoch from now()) / ${this.#windowSeconds}) * ${this.#windowSeconds}))
      on conflict (key, window_start) do update set hits = rate_limit_window.hits + 1
      returning hits, window_start`.execute(this.#db.sql);
    const row = rows[0]!;
    return { totalHits: row.hits, resetTime: new Date(row.window_start.getTime() + this.#windowSeconds * 1000) };
  }

  async decrement(key: string): Promise<void> {
    await sql`
      update app.rate_limit_window set hits = hits - 1
       where key = ${this.#key(key)}
         and window_start = to_timestamp(floor(extract(epoch from now()) / ${this.#windowSeconds}) * ${this.#windowSeconds})`.execute(
      this.#db.sql,
    );
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
