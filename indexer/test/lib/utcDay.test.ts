import { describe, expect, it } from "vitest";
import { utcDay } from "../../src/lib/utcDay";

describe("utcDay", () => {
  it("names the UTC day of a timestamp", () => {
    expect(utcDay(1_700_000_000n)).toBe("2023-11-14");
  });

  it("puts the first second of a day in that day", () => {
    expect(utcDay(1_699_920_000n)).toBe("2023-11-14");
  });

  it("puts the last second of a day in that day", () => {
    expect(utcDay(1_699_919_999n)).toBe("2023-11-13");
  });

  it("starts at the epoch", () => {
    expect(utcDay(0n)).toBe("1970-01-01");
  });
});
