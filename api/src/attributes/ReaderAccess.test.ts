import { describe, expect, it } from "vitest";
import { getReaderAccess, isAttributeReadable } from "./ReaderAccess.ts";

describe("getReaderAccess", () => {
  it("gives an anonymous reader public access", () => {
    expect(getReaderAccess({ ownsPassport: false, organizationKinds: [] })).toBe("PUBLIC");
  });

  it("gives a recycler legitimate interest", () => {
    expect(getReaderAccess({ ownsPassport: false, organizationKinds: ["RECYCLER"] })).toBe("LEGITIMATE_INTEREST");
  });

  it("gives another manufacturer public access only", () => {
    expect(getReaderAccess({ ownsPassport: false, organizationKinds: ["MANUFACTURER"] })).toBe("PUBLIC");
  });

  it("gives an authority full access", () => {
    expect(getReaderAccess({ ownsPassport: false, organizationKinds: ["AUTHORITY"] })).toBe("FULL");
  });

  it("gives the owner full access", () => {
    expect(getReaderAccess({ ownsPassport: true, organizationKinds: ["MANUFACTURER"] })).toBe("FULL");
  });
});

describe("isAttributeReadable", () => {
  it("hides legitimate-interest attributes from the public", () => {
    expect(isAttributeReadable("LEGITIMATE_INTEREST", "PUBLIC")).toBe(false);
  });

  it("shows legitimate-interest-and-Commission attributes to legitimate interest", () => {
    expect(isAttributeReadable("LEGITIMATE_INTEREST_AND_COMMISSION", "LEGITIMATE_INTEREST")).toBe(true);
  });

  it("hides authority-only attributes from legitimate interest", () => {
    expect(isAttributeReadable("AUTHORITY", "LEGITIMATE_INTEREST")).toBe(false);
  });

  it("shows authority-only attributes to full access", () => {
    expect(isAttributeReadable("AUTHORITY", "FULL")).toBe(true);
  });
});
