/** Where the rate limits read the time (milliseconds since the epoch); tests inject their own. */
export interface RateLimitClock {
  now(): number;
}

export const systemClock: RateLimitClock = { now: () => Date.now() };

/** The start of the fixed window that holds `now`; windows are aligned so every api process agrees. */
export function windowStartOf(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}
