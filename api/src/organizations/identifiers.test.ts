import { describe, expect, it } from "vitest";
import { isValidGln } from "./isValidGln.ts";
import { isValidLei } from "./isValidLei.ts";

describe("isValidLei", () => {
  it("accepts real LEIs", () => {
    expect(isValidLei("5493001KJTIIGC8Y1R12")).toBe(true); // Bloomberg Finance L.P.
    expect(isValidLei("529900T8BM49AURSDO55")).toBe(true); // Deutsche Börse AG
  });

  it("refuses a changed check digit, lower case and the wrong length", () => {
    expect(isValidLei("5493001KJTIIGC8Y1R13")).toBe(false);
    expect(isValidLei("5493001kjtiigc8y1r12")).toBe(false);
    expect(isValidLei("5493001KJTIIGC8Y1R1")).toBe(false);
  });
});

describe("isValidGln", () => {
  it("accepts a GLN with its check digit", () => {
    expect(isValidGln("4000001000005")).toBe(true);
    expect(isValidGln("0614141000005")).toBe(true);
  });

  it("refuses a wrong check digit or non-digits", () => {
    expect(isValidGln("4000001000006")).toBe(false);
    expect(isValidGln("40000010000A5")).toBe(false);
  });
});
