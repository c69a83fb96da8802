import type { ClientRateLimitInfo, Store } from "hono-rate-limiter";
import { type RateLimitClock, windowStartOf } from "./RateLimitClock.ts";

/**
 * Counts each client's requests in this process for the current fixed window, read from an injected
 * clock (hono-rate-limiter's MemoryStore reads Date.now and cannot be driven by a test). The map
 * holds one window: it is emptied when the clock enters the next, so it grows with the clients of
 * one minute at most.
 */
export class MemoryRateLimitStore implements Store {
  readonly #clock: RateLimitClock;
  #windowMs = 60_000;
  #windowStart = Number.NaN;
  readonly #hits = new Map<string, number>();

  constructor(clock: RateLimitClock) {
    this.#clock = clock;
  }

  init(options: { windowMs: number }): void {
    this.#windowMs = options.windowMs;
  }

  #currentWindow(): number {
    const start = windowStartOf(this.#clock.now(), this.#windowMs);
    if (start !== this.#windowStart) {
      this.#windowStart = start;
      this.#hits.clear();
    }
    return start;
  }

  increment(key: string): ClientRateLimitInfo {
    const start = this.#currentWindow();
    const totalHits = (this.#hits.get(key) ?? 0) + 1;
    this.#hits.set(key, totalHits);
    return { totalHits, resetTime: new Date(start + this.#windowMs) };
  }

  decrement(key: string): void {
    this.#currentWindow();
    const hits = this.#hits.get(key);
    if (hits !== undefined) this.#hits.set(key, Math.max(0, hits - 1));
  }

  resetKey(key: string): void {
    this.#hits.delete(key);
  }
}
