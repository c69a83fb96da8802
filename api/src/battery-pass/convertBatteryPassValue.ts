import type { JsonValue } from "@a360/contracts/passport";
import type { AttributeValue } from "../attributes/EffectiveAttribute.ts";

/** What a conversion may read besides the value itself. */
export interface ConversionContext {
  publicId: string;
  /** When the value was measured (a reading) or written; null for values read from a column. */
  time: Date | null;
  /** Another effective value of the same passport, for conversions that need one. */
  findValue(key: string): AttributeValue | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
const STATUS: Record<string, string> = {
  ORIGINAL: "Original",
  REPURPOSED: "Repurposed",
  REUSED: "Reused",
  REMANUFACTURED: "Remanufactured",
  WASTE: "Waste",
};
const CATEGORIES = new Set(["lmt", "ev", "industrial", "stationary"]);

/** Rounds away binary noise of a product (0.1 × 3 = 0.30000000000000004) without losing precision anyone measures. */
function round(value: number): number {
  return Number(value.toPrecision(12));
}

function isRecord(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numberOf(value: AttributeValue | null): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/**
 * The conversions the catalogue's `battery_pass.convert` names, from the catalogue's value to the
 * schema's. Each returns undefined when the value has no faithful form in the schema (the export
 * then leaves the property out rather than invent one).
 */
const CONVERSIONS: Record<string, (value: AttributeValue, context: ConversionContext) => JsonValue | undefined> = {
  /** The schema's identifier pattern is `urn:[a-z0-9]+:[a-z0-9]+`; a public id is base64url, so it is hex-encoded. */
  passportUrn: (_value, { publicId }) => `urn:a360:${Buffer.from(publicId, "utf8").toString("hex")}`,
  /** YYYY-MM (the catalogue's month) → the first instant of that month, UTC (the schema wants a date-time). */
  monthToDateTime: (value) => {
    const match = typeof value === "string" ? MONTH.exec(value) : null;
    return match ? `${match[1]}-${match[2]}-01T00:00:00Z` : undefined;
  },
  /** YYYY-MM → `--MM`: the published schema types the warranty period as an XML gMonth. */
  monthToGMonth: (value) => {
    const match = typeof value === "string" ? MONTH.exec(value) : null;
    return match ? `--${match[2]}` : undefined;
  },
  batteryCategory: (value) => {
    const category = String(value).toLowerCase();
    return CATEGORIES.has(category) ? category : undefined;
  },
  batteryStatus: (value) => STATUS[String(value)],
  list: (value) => (typeof value === "string" ? [value] : undefined),
  uri: (value) => {
    if (typeof value !== "string") return undefined;
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:" ? value : undefined;
    } catch {
      return undefined;
    }
  },
  number: (value) => {
    if (typeof value === "number") return value;
    return typeof value === "string" && NUMBER_TEXT.test(value.trim()) ? Number(value) : undefined;
  },
  /**
   * The longlist gives each lifecycle stage's share (%) of the total; the schema wants the stage's
   * own footprint in kgCO2e/kWh: total (cf.kg_co2e_per_kwh) × share / 100.
   */
  carbonFootprintShare: (value, { findValue }) => {
    const total = numberOf(findValue("cf.kg_co2e_per_kwh"));
    return typeof value === "number" && total !== undefined ? round((total * value) / 100) : undefined;
  },
  /** Remaining capacity: Ah in the catalogue, kWh in the schema: Ah × nominal voltage (V) / 1000. */
  ampereHoursToKilowattHours: (value, { findValue }) => {
    const volts = numberOf(findValue("perf.nominal_voltage_v"));
    return typeof value === "number" && volts !== undefined ? round((value * volts) / 1000) : undefined;
  },
  /**
   * The catalogue keeps the remaining power at each state of charge measured; schema 1.2.1 has room
   * for one: the one at 80 % (Annex IV Part B), else the first, with its time.
   */
  remainingPowerCapability: (value, { time }) => {
    if (!Array.isArray(value) || time === null) return undefined;
    const points = value.filter(isRecord);
    const point = points.find((candidate) => candidate.atSoC === 80) ?? points[0];
    if (!point) return undefined;
    return {
      atSoC: point.atSoC ?? null,
      powerCapabilityAt: point.powerCapabilityAt ?? null,
      rPCLastUpdated: time.toISOString(),
    };
  },
  /** Lists whose items carry their own `lastUpdate`: an item's `occurredAt` if it has one, else the value's time. */
  timedItems: (value, { time }) => {
    if (!Array.isArray(value)) return undefined;
    return value.filter(isRecord).map(({ occurredAt, ...item }) => ({
      ...item,
      lastUpdate: typeof occurredAt === "string" ? occurredAt : (time?.toISOString() ?? null),
    }));
  },
};

export const BATTERY_PASS_CONVERSIONS: readonly string[] = Object.keys(CONVERSIONS);

/** The value in the schema's form; undefined leaves the property out. */
export function convertBatteryPassValue(
  convert: string | undefined,
  value: AttributeValue,
  context: ConversionContext,
): JsonValue | undefined {
  if (convert === undefined) return value;
  const conversion = CONVERSIONS[convert];
  if (!conversion) throw new Error(`the catalogue names an unknown Battery Pass conversion ${convert}`);
  return conversion(value, context);
}
