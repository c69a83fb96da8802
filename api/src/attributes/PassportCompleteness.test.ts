import { describe, expect, it } from "vitest";
import { resolveEffectiveAttributes } from "./EffectiveAttribute.ts";
import { getCompletenessStatus, getPassportCompleteness } from "./PassportCompleteness.ts";
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
    expect(getPassportCompleteness(effective, "LMT")).toMatchObject({
      mandatoryCount: 4,
      presentCount: 2,
      completenessPct: 50,
      missingKeys: ["c", "d"],
      status: "INCOMPLETE",
    });
  });

  it("uses the mandatory set of the battery category", () => {
    const effective = resolveEffectiveAttributes(definitions, {
      modelValues: new Map(),
      passportValues: new Map(),
      derived: {},
    });
    expect(getPassportCompleteness(effective, "EV").mandatoryCount).toBe(5);
  });

  it("is incomplete with one mandatory value missing, whatever the share filled", () => {
    const effective = resolveEffectiveAttributes(definitions, {
      modelValues: new Map([[1, text]]),
      passportValues: new Map([
        [2, text],
        [3, text],
      ]),
      derived: {},
    });
    expect(getPassportCompleteness(effective, "LMT")).toMatchObject({
      completenessPct: 75,
      status: "INCOMPLETE",
      missingKeys: ["d"],
    });
  });

  it("is complete when every attribute mandatory for the category has a value, voluntary ones aside", () => {
    const effective = resolveEffectiveAttributes(definitions, {
      modelValues: new Map([[1, text]]),
      passportValues: new Map([
        [2, text],
        [3, text],
        [4, text],
      ]),
      derived: {},
    });
    expect(getPassportCompleteness(effective, "LMT")).toMatchObject({ completenessPct: 100, status: "COMPLETE" });
  });
});

describe("getCompletenessStatus", () => {
  it("has no threshold: 999 of 1,000 (shown as 99.9 %) is incomplete", () => {
    expect(getCompletenessStatus(999, 1000)).toBe("INCOMPLETE");
  });

  it("is complete when nothing is mandatory", () => {
    expect(getCompletenessStatus(0, 0)).toBe("COMPLETE");
  });
});
