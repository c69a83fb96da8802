import { describe, expect, it } from "vitest";
import { FEE_KINDS, getEnumLabel, REPAIR_DECISIONS, STAKE_ROLES } from "../../src/lib/onchainEnums";

describe("getEnumLabel", () => {
  it("maps a stake role to its Solidity name", () => {
    expect(getEnumLabel(STAKE_ROLES, 2)).toBe("Oracle");
  });

  it("maps a fee kind to its Solidity name", () => {
    expect(getEnumLabel(FEE_KINDS, 3)).toBe("Attestation");
  });

  it("maps a repair decision to its Solidity name", () => {
    expect(getEnumLabel(REPAIR_DECISIONS, 0)).toBe("Repaired");
  });

  it("throws for a value the ABI does not know", () => {
    expect(() => getEnumLabel(FEE_KINDS, 4)).toThrow(/enum value 4/);
  });
});
