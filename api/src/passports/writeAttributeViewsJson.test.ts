import { describe, expect, it } from "vitest";
import { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { toAttributeView } from "../attributes/AttributeSchemas.ts";
import type { EffectiveAttribute } from "../attributes/EffectiveAttribute.ts";
import { testDefinition } from "../attributes/testDefinition.ts";
import { writeAttributeViewsJson } from "./writeAttributeViewsJson.ts";

const catalogue = new AttributeCatalogue([
  testDefinition({ id: 1, key: "mat.chemistry", isModelLevel: true, inheritsFromModel: true, unit: null }),
  testDefinition({ id: 2, key: "label.agent", name: 'Says "quote" \\ and ünïcode\n', inheritsFromModel: true }),
  testDefinition({ id: 3, key: "perf.cycles", unit: "cycles", access: "LEGITIMATE_INTEREST", mandatoryFor: ["EV"] }),
  testDefinition({ id: 4, key: "id.battery_id", derivedFrom: "passport.serial_number", mandatoryFor: [] }),
]);
const [chemistry, agent, cycles, batteryId] = catalogue.definitions as [
  EffectiveAttribute["definition"],
  EffectiveAttribute["definition"],
  EffectiveAttribute["definition"],
  EffectiveAttribute["definition"],
];

describe("writeAttributeViewsJson", () => {
  const attributes: EffectiveAttribute[] = [
    { definition: chemistry, value: "LFP", source: "MODEL" },
    { definition: agent, value: 'a "b" \u2028 c', source: "PASSPORT" },
    { definition: cycles, value: 12.5, source: "PASSPORT" },
    { definition: batteryId, value: null, source: null },
  ];

  it("writes exactly what JSON.stringify of the attribute views writes, for every category", () => {
    for (const category of ["EV", "LMT", "INDUSTRIAL", "STATIONARY"] as const) {
      expect(writeAttributeViewsJson(catalogue, attributes, category)).toBe(
        JSON.stringify(attributes.map((attribute) => toAttributeView(attribute, category))),
      );
    }
  });

  it("writes an empty list and single views", () => {
    expect(writeAttributeViewsJson(catalogue, [], "LMT")).toBe("[]");
    expect(JSON.parse(writeAttributeViewsJson(catalogue, [attributes[2]!], "EV"))).toEqual([
      toAttributeView(attributes[2]!, "EV"),
    ]);
  });
});
