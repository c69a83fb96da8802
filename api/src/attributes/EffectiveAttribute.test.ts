import { describe, expect, it } from "vitest";
import type { StoredAttributeValue } from "./AttributeDefinition.ts";
import { resolveEffectiveAttributes } from "./EffectiveAttribute.ts";
import { testDefinition } from "./testDefinition.ts";

const modelLevel = testDefinition({ id: 1, key: "mat.chemistry", isModelLevel: true, inheritsFromModel: true });
const inheriting = testDefinition({ id: 2, key: "label.agent", inheritsFromModel: true });
const unitOnly = testDefinition({ id: 3, key: "perf.cycles", valueType: "INTEGER" });
const derived = testDefinition({ id: 4, key: "id.battery_id", derivedFrom: "passport.serial_number" });

const text = (value: string): StoredAttributeValue => ({ text: value, numeric: null, json: null });

function resolve(model: Array<[number, StoredAttributeValue]>, passport: Array<[number, StoredAttributeValue]>) {
  return resolveEffectiveAttributes([modelLevel, inheriting, unitOnly, derived], {
    modelValues: new Map(model),
    passportValues: new Map(passport),
    derived: { "passport.serial_number": "SN-1" },
  });
}

describe("resolveEffectiveAttributes", () => {
  it("reads a model-level attribute from the model", () => {
    expect(resolve([[1, text("LFP")]], [])[0]).toMatchObject({ value: "LFP", source: "MODEL" });
  });

  it("ignores a passport row for a model-level attribute", () => {
    expect(resolve([[1, text("LFP")]], [[1, text("NMC")]])[0]).toMatchObject({ value: "LFP", source: "MODEL" });
  });

  it("prefers the passport's own value over the inherited one", () => {
    expect(resolve([[2, text("water")]], [[2, text("sand")]])[1]).toMatchObject({ value: "sand", source: "PASSPORT" });
  });

  it("falls back to the model where the attribute inherits", () => {
    expect(resolve([[2, text("water")]], [])[1]).toMatchObject({ value: "water", source: "MODEL" });
  });

  it("never reads a unit-only attribute from the model", () => {
    expect(resolve([[3, { text: null, numeric: "5", json: null }]], [])[2]).toMatchObject({
      value: null,
      source: null,
    });
  });

  it("reads a number as a number", () => {
    expect(resolve([], [[3, { text: null, numeric: "42", json: null }]])[2]).toMatchObject({
      value: 42,
      source: "PASSPORT",
    });
  });

  it("reads a derived attribute from its column", () => {
    expect(resolve([], [])[3]).toMatchObject({ value: "SN-1", source: "DERIVED" });
  });
});
