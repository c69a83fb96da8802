import { z } from "@hono/zod-openapi";
import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import type { EffectiveAttribute } from "./EffectiveAttribute.ts";

/** A STRUCTURED attribute's value: an object or a list, checked against the attribute's `valueSchema`. */
// z.json() would say it exactly, but its recursion overflows the OpenAPI generator; the attribute's
// valueSchema is what checks a structure.
const StructuredValueSchema = z
  .union([z.array(z.any()), z.record(z.string(), z.any())])
  .openapi({ description: "An object or list, checked against the attribute's valueSchema" });

export const AttributeValueInputSchema = z
  .object({
    key: z.string().min(1).max(80).openapi({ example: "circ.post_consumer_recycled_lithium_pct" }),
    value: z.union([z.string(), z.number(), StructuredValueSchema, z.null()]).openapi({
      description:
        "null clears the value; a STRUCTURED attribute takes an object or list valid against its valueSchema",
      example: 6,
    }),
    unit: z
      .string()
      .max(20)
      .nullable()
      .optional()
      .openapi({ description: "If given, must be the catalogue's unit", example: "%" }),
  })
  .openapi("AttributeValueInput");

export const AttributeWriteBodySchema = z
  .object({ values: z.array(AttributeValueInputSchema).min(1).max(200) })
  .openapi("AttributeWrite", {
    example: { values: [{ key: "circ.post_consumer_recycled_lithium_pct", value: 6, unit: "%" }] },
  });

export const AttributeViewSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    category: z.string(),
    unit: z.string().nullable(),
    access: z.string(),
    value: z.union([z.string(), z.number(), StructuredValueSchema, z.null()]),
    source: z.enum(["PASSPORT", "MODEL", "DERIVED"]).nullable(),
    mandatory: z.boolean(),
    isModelLevel: z.boolean(),
    inheritsFromModel: z.boolean(),
  })
  .openapi("AttributeView");

export type AttributeView = z.infer<typeof AttributeViewSchema>;

export function toAttributeView(effective: EffectiveAttribute, batteryCategory: BatteryCategory): AttributeView {
  const { definition } = effective;
  return {
    key: definition.key,
    name: definition.name,
    category: definition.category,
    unit: definition.unit,
    access: definition.access,
    value: effective.value,
    source: effective.source,
    mandatory: definition.mandatoryFor.includes(batteryCategory),
    isModelLevel: definition.isModelLevel,
    inheritsFromModel: definition.inheritsFromModel,
  };
}

export const AttributeDefinitionSchema = z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    category: z.string(),
    subcategory: z.string().nullable(),
    dinChapter: z.string().nullable(),
    regulationReference: z.string().nullable(),
    unit: z.string().nullable(),
    valueType: z.string(),
    validation: z.object({
      min: z.number().optional(),
      max: z.number().optional(),
      allowed: z.array(z.string()).optional(),
    }),
    valueSchema: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "JSON Schema (draft-07) of a STRUCTURED attribute's value" }),
    access: z.string(),
    behaviour: z.string(),
    isModelLevel: z.boolean(),
    inheritsFromModel: z.boolean(),
    derivedFrom: z.string().nullable(),
    mandatoryFor: z.array(z.string()),
    voluntaryFor: z.array(z.string()),
    catalogueVersion: z.string(),
  })
  .openapi("AttributeDefinition");
