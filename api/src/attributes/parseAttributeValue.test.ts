import { describe, expect, it } from "vitest";
import { parseAttributeValue } from "./parseAttributeValue.ts";
import { testDefinition } from "./testDefinition.ts";

const share = testDefinition({
  id: 1,
  key: "circ.share_pct",
  valueType: "DECIMAL",
  unit: "%",
  validation: { min: 0, max: 100 },
});
const cycles = testDefinition({ id: 2, key: "perf.cycles", valueType: "INTEGER", validation: { min: 0 } });
const month = testDefinition({ id: 3, key: "id.date", valueType: "YEAR_MONTH" });
const link = testDefinition({ id: 4, key: "label.doc", valueType: "URL" });
const carbonClass = testDefinition({ id: 5, key: "cf.class", validation: { allowed: ["A", "B"] } });

describe("parseAttributeValue", () => {
  it("stores a decimal in its unit as numeric", () => {
    expect(parseAttributeValue(share, { value: 12.5, unit: "%" })).toEqual({
      ok: true,
      stored: { text: null, numeric: "12.5", json: null },
    });
  });

  it("refuses a value in another unit", () => {
    expect(parseAttributeValue(share, { value: 12.5, unit: "kg" })).toEqual({
      ok: false,
      reason: 'circ.share_pct is in %, got "kg"',
    });
  });

  it("refuses a unit on a unitless attribute", () => {
    expect(parseAttributeValue(cycles, { value: 3, unit: "%" }).ok).toBe(false);
  });

  it("refuses text for a number in JSON", () => {
    expect(parseAttributeValue(share, { value: "12.5" })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("must be a number"),
    });
  });

  it("accepts numeric text from a CSV cell", () => {
    expect(parseAttributeValue(share, { value: "12.5" }, { fromText: true })).toMatchObject({ ok: true });
  });

  it("refuses a value out of range", () => {
    expect(parseAttributeValue(share, { value: 101 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("at most 100"),
    });
  });

  it("refuses a fraction for an integer", () => {
    expect(parseAttributeValue(cycles, { value: 1.5 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("whole number"),
    });
  });

  it("refuses a month that is not YYYY-MM", () => {
    expect(parseAttributeValue(month, { value: "2025-13" }).ok).toBe(false);
    expect(parseAttributeValue(month, { value: "2025-06" }).ok).toBe(true);
  });

  it("refuses a link that is not an http(s) URL", () => {
    expect(parseAttributeValue(link, { value: "ftp://example.com/a.pdf" }).ok).toBe(false);
    expect(parseAttributeValue(link, { value: "not a url" }).ok).toBe(false);
  });

  it("refuses a value outside the allowed list", () => {
    expect(parseAttributeValue(carbonClass, { value: "Z" }).ok).toBe(false);
  });

  it("refuses an empty value", () => {
    expect(parseAttributeValue(carbonClass, { value: "  " }).ok).toBe(false);
  });
});
