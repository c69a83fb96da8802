import { describe, expect, it } from "vitest";
import { resolveEffectiveAttributes } from "./EffectiveAttribute.ts";
import { getComplianceStatus, getPassportCompleteness } from "./PassportCompleteness.ts";
import { testDefinition } from "./testDefinition.ts";

const definitions = [
  testDefinition({ id: 1, key: "a", isModelLevel: true, inheritsFromModel: true }),
  testDefinition({ id: 2, key: "b" }),
  testDefinition({ id: 3, key: "c" }),
  testDefinition({ id: 4, key: "d" }),
  testDefinition({ id: 5, key: "e", mandatoryFor: ["EV"] }),
];
const text = { text: "x", numeric: null, json: null };

describe("getPassportCompleteness", () => {
  it("counts an inherited model value as present", () => {
    const effective = resolveEffectiveAttributes(definitions, {
      modelValues: new Map([[1, text]]),
      passportValues: new Map([[2, text]]),
      derived: {},
    });
    expect(getPassportCompleteness(effective, "LMT", 80)).toMatchObject({
      mandatoryCount: 4,
      presentCount: 2,
      completenessPct: 50,
      missingKeys: ["c", "d"],
      status: "NON_COMPLIANT",
    });
  });

  it("uses the mandatory set of the battery category", () => {
    const effective = resolveEffectiveAttributes(definitions, {
      modelValues: new Map(),
      passportValues: new Map(),
      derived: {},
    });
    expect(getPassportCompleteness(effective, "EV", 80).mandatoryCount).toBe(5);
  });

  it("is compliant at the threshold", () => {
    const effective = resolveEffectiveAttributes(definitions, {
      modelValues: new Map([[1, text]]),
      passportValues: new Map([
        [2, text],
        [3, text],
      ]),
      derived: {},
    });
    expect(getPassportCompleteness(effective, "LMT", 75)).toMatchObject({ completenessPct: 75, status: "COMPLIANT" });
  });
});

describe("getComplianceStatus", () => {
  it("is non-compliant just under the threshold", () => {
    expect(getComplianceStatus(79.9, 80)).toBe("NON_COMPLIANT");
  });
});
