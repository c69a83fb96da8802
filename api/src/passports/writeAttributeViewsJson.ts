import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { AttributeDefinition } from "../attributes/AttributeDefinition.ts";
import type { AttributeView } from "../attributes/AttributeSchemas.ts";
import type { EffectiveAttribute } from "../attributes/EffectiveAttribute.ts";

/**
 * The public passport read is the hottest route of the api and most of its response is catalogue
 * text that never changes between requests. Each attribute view is written from two pieces of JSON
 * made once per catalogue and battery category (everything before the value, and the rest after
 * it) with only the value and its source serialised per request. The output is exactly
 * `JSON.stringify(toAttributeView(...))`, in the same key order (a test holds it to that).
 */
interface ViewFragments {
  /** `{"key":…,"access":…,"value":` */
  head: string;
  /** `,"mandatory":…,"inheritsFromModel":…}` */
  tail: string;
}

const SOURCES = ["PASSPORT", "MODEL", "DERIVED"] as const;
const SOURCE_JSON = new Map<string | null, string>([
  [null, ',"source":null'],
  ...SOURCES.map((source) => [source, `,"source":${JSON.stringify(source)}`] as const),
]);

const fragmentsByCatalogue = new WeakMap<AttributeCatalogue, Map<BatteryCategory, Map<number, ViewFragments>>>();

function makeFragments(definition: AttributeDefinition, category: BatteryCategory): ViewFragments {
  const head = JSON.stringify({
    key: definition.key,
    name: definition.name,
    category: definition.category,
    unit: definition.unit,
    access: definition.access,
  } satisfies Partial<AttributeView>);
  const tail = JSON.stringify({
    mandatory: definition.mandatoryFor.includes(category),
    isModelLevel: definition.isModelLevel,
    inheritsFromModel: definition.inheritsFromModel,
  } satisfies Partial<AttributeView>);
  return { head: `${head.slice(0, -1)},"value":`, tail: `,${tail.slice(1)}` };
}

function getFragments(catalogue: AttributeCatalogue, category: BatteryCategory): Map<number, ViewFragments> {
  let byCategory = fragmentsByCatalogue.get(catalogue);
  if (!byCategory) {
    byCategory = new Map();
    fragmentsByCatalogue.set(catalogue, byCategory);
  }
  let fragments = byCategory.get(category);
  if (!fragments) {
    fragments = new Map(
      catalogue.definitions.map((definition) => [definition.id, makeFragments(definition, category)] as const),
    );
    byCategory.set(category, fragments);
  }
  return fragments;
}

/** `JSON.stringify(attributes.map((attribute) => toAttributeView(attribute, category)))`, faster. */
export function writeAttributeViewsJson(
  catalogue: AttributeCatalogue,
  attributes: readonly EffectiveAttribute[],
  category: BatteryCategory,
): string {
  const fragments = getFragments(catalogue, category);
  let json = "[";
  for (let index = 0; index < attributes.length; index++) {
    const { definition, value, source } = attributes[index]!;
    const { head, tail } = fragments.get(definition.id)!;
    if (index > 0) json += ",";
    json += head + JSON.stringify(value) + SOURCE_JSON.get(source)! + tail;
  }
  return `${json}]`;
}
