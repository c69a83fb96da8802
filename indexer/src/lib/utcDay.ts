const SECONDS_PER_DAY = 86_400n;

/** The UTC calendar day (`YYYY-MM-DD`) of a block timestamp in seconds. */
export function utcDay(timestamp: bigint): string {
  const dayStart = (timestamp / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  return new Date(Number(dayStart) * 1000).toISOString().slice(0, 10);
}
