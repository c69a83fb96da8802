import { describe, expect, it } from "vitest";
import { formatTokenAmount, parseIntegerAmount } from "./formatTokenAmount";

const TT = { decimals: 18, symbol: "TT" };
const ONE = 10n ** 18n;

describe("formatTokenAmount", () => {
  it("groups thousands and keeps one fraction digit for a whole amount", () => {
    expect(formatTokenAmount(1000n * ONE, TT)).toBe("1,000.0 TT");
  });

  it("accepts the decimal wei string the api sends", () => {
    expect(formatTokenAmount("1000000000000000000000000", TT)).toBe("1,000,000.0 TT");
  });

  it("shows zero as 0.0", () => {
    expect(formatTokenAmount("0", TT)).toBe("0.0 TT");
  });

  it("drops trailing zeros of the fraction", () => {
    expect(formatTokenAmount(ONE + ONE / 2n, TT)).toBe("1.5 TT");
  });

  it("cuts the fraction at maxFractionDigits without rounding up", () => {
    expect(formatTokenAmount(2n * ONE - 1n, TT)).toBe("1.9999 TT");
  });

  it("shows an amount below the shown precision as 0.0", () => {
    expect(formatTokenAmount(1n, TT)).toBe("0.0 TT");
  });

  it("keeps precision beyond Number.MAX_SAFE_INTEGER", () => {
    expect(formatTokenAmount(123456789012345678901234567n, { ...TT, maxFractionDigits: 18 })).toBe(
      "123,456,789.012345678901234567 TT",
    );
  });

  it("formats a negative amount with a leading minus", () => {
    expect(formatTokenAmount(-1500n * ONE, TT)).toBe("-1,500.0 TT");
  });

  it("works for a token with no decimals", () => {
    expect(formatTokenAmount(1234n, { decimals: 0, symbol: "U" })).toBe("1,234.0 U");
  });
});

describe("parseIntegerAmount", () => {
  it("parses a base-10 integer string", () => {
    expect(parseIntegerAmount("42")).toBe(42n);
  });

  it.each(["", "1.5", "1e18", "0x10", " 1"])("refuses %j", (input) => {
    expect(() => parseIntegerAmount(input)).toThrow(TypeError);
  });
});
