import type { AttributeDefinition, StoredAttributeValue, StructuredValue } from "./AttributeDefinition.ts";

export type AttributeValueSource = "PASSPORT" | "MODEL" | "DERIVED";

export interface EffectiveAttribute {
  definition: AttributeDefinition;
  value: AttributeValue | null;
  source: AttributeValueSource | null;
  /** The stored value's time, where the reader loaded it. */
  updatedAt?: Date;
}

export interface PassportAttributeSources {
  modelValues: ReadonlyMap<number, StoredAttributeValue>;
  passportValues: ReadonlyMap<number, StoredAttributeValue>;
  /** Values of the passport's and its model's columns, by `derived_from` name. */
  derived: Readonly<Record<string, string | null>>;
}

/** A value as readers get it: numbers as numbers, structures as structures, the rest as text. */
export type AttributeValue = string | number | StructuredValue;

export function toAttributeValue(stored: StoredAttributeValue): AttributeValue {
  if (stored.json !== null) return stored.json;
  return stored.numeric !== null ? Number(stored.numeric) : (stored.text ?? "");
}

/**
 * The value a passport shows for each catalogue attribute: a derived column where the catalogue
 * says so; else the passport's own value; else, where the attribute inherits, its model's value.
 * Model-level attributes never have a passport row (writes refuse them), so they always read
 * through to the model.
 */
export function resolveEffectiveAttributes(
  definitions: readonly AttributeDefinition[],
  sources: PassportAttributeSources,
): EffectiveAttribute[] {
  return definitions.map((definition) => {
    if (definition.derivedFrom !== null) {
      const value = sources.derived[definition.derivedFrom] ?? null;
      return { definition, value, source: value === null ? null : "DERIVED" };
    }
    const own = definition.isModelLevel ? undefined : sources.passportValues.get(definition.id);
    if (own) return { definition, value: toAttributeValue(own), source: "PASSPORT", updatedAt: own.updatedAt };
    const inherited = definition.inheritsFromModel ? sources.modelValues.get(definition.id) : undefined;
    if (inherited)
      return { definition, value: toAttributeValue(inherited), source: "MODEL", updatedAt: inherited.updatedAt };
    return { definition, value: null, source: null };
  });
}
