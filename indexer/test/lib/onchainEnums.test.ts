import { describe, expect, it } from "vitest";
import { FeeKind, getEnumLabel, StakeRole } from "../../src/lib/onchainEnums";

describe("getEnumLabel", () => {
  it("maps an event's uint8 to the Solidity name at that index", () => {
    expect(getEnumLabel(StakeRole, StakeRole.indexOf("Oracle"))).toBe("Oracle");
  });

  it("throws for a value the ABI does not know", () => {
    expect(() => getEnumLabel(FeeKind, FeeKind.length)).toThrow(new RegExp(`enum value ${FeeKind.length}`));
  });
});
