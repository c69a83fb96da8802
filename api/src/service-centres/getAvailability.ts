/** Opening hours by ISO weekday ("1" Monday … "7" Sunday): local [from, to) windows as "HH:MM". */
export type WeeklyHours = Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", Array<[string, string]>>>;

export interface BookingCalendar {
  timezone: string;
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  capacity: number;
  /** Local dates (YYYY-MM-DD) the centre is closed. */
  holidays: ReadonlySet<string>;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  free: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const QUARTER_HOUR = 15 * 60_000;
/** Offsets by zone and quarter hour: zones change offset only on quarter hours, and formatToParts is slow. */
const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 100_000;

/** Minutes the zone is ahead of UTC at `instant`. */
function getZoneOffsetMinutes(timezone: string, instant: number): number {
  const key = `${timezone}@${Math.floor(instant / QUARTER_HOUR)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const offset = computeZoneOffsetMinutes(timezone, instant);
  if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function computeZoneOffsetMinutes(timezone: string, instant: number): number {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timezone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The UTC instant of local wall time `minutes` after midnight of local date (y, m, d) in `timezone`. */
function toInstant(timezone: string, year: number, month: number, day: number, minutes: number): number {
  const wall = Date.UTC(year, month, day) + minutes * 60_000;
  const offset = getZoneOffsetMinutes(timezone, wall);
  const guess = wall - offset * 60_000;
  const corrected = getZoneOffsetMinutes(timezone, guess);
  return wall - corrected * 60_000;
}

export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function parseClock(value: string): number {
  const [hours, minutes] = value.split(":").map(Number);
  return hours! * 60 + minutes!;
}

/**
 * Every bookable slot from `from` to `to` with the places left, given the appointments that hold
 * places (any overlap takes one). Days are the centre's local days; holidays have no slots.
 */
export function getAvailability(
  calendar: BookingCalendar,
  appointments: ReadonlyArray<{ startsAt: Date; endsAt: Date }>,
  from: Date,
  to: Date,
): Slot[] {
  const slots: Slot[] = [];
  const taken = [...appointments]
    .map((appointment) => ({ start: appointment.startsAt.getTime(), end: appointment.endsAt.getTime() }))
    .sort((a, b) => a.start - b.start);
  const step = calendar.slotMinutes * 60_000;
  // Start a day early so a zone ahead of UTC keeps its first local day.
  const first = new Date(from.getTime() - 86_400_000);
  let first_taken = 0;
  for (
    let day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
    day < to.getTime() + 86_400_000;
    day += 86_400_000
  ) {
    const date = new Date(day);
    const [year, month, dayOfMonth] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
    const isoDate = date.toISOString().slice(0, 10);
    if (calendar.holidays.has(isoDate)) continue;
    const weekday = String(((date.getUTCDay() + 6) % 7) + 1) as keyof WeeklyHours;
    for (const [open, close] of calendar.weeklyHours[weekday] ?? []) {
      const windowStart = toInstant(calendar.timezone, year, month, dayOfMonth, parseClock(open));
      const windowEnd = toInstant(calendar.timezone, year, month, dayOfMonth, parseClock(close));
      for (let start = windowStart; start + step <= windowEnd; start += step) {
        if (start < from.getTime() || start >= to.getTime()) continue;
        const end = start + step;
        while (first_taken < taken.length && taken[first_taken]!.end <= start - 86_400_000) first_taken++;
        let used = 0;
        for (let index = first_taken; index < taken.length; index++) {
          const appointment = taken[index]!;
          if (appointment.start >= end) break;
          if (appointment.end > start) used++;
        }
        slots.push({ startsAt: new Date(start), endsAt: new Date(end), free: Math.max(0, calendar.capacity - used) });
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
