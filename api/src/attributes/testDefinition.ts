import type { AttributeDefinition } from "./AttributeDefinition.ts";

/** A catalogue entry for unit tests; override what the test is about. */
export function testDefinition(
  overrides: Partial<AttributeDefinition> & Pick<AttributeDefinition, "id" | "key">,
): AttributeDefinition {
  return {
    name: overrides.key,
    category: "Test",
    subcategory: null,
    dinChapter: null,
    regulationReference: null,
    unit: null,
    valueType: "STRING",
    validation: {},
    valueSchema: null,
    batteryPass: null,
    access: "PUBLIC",
    behaviour: "STATIC",
    isModelLevel: false,
    inheritsFromModel: false,
    derivedFrom: null,
    mandatoryFor: ["EV", "LMT", "INDUSTRIAL", "STATIONARY"],
    voluntaryFor: [],
    catalogueVersion: "test",
    ...overrides,
  };
}
