import { z } from "@hono/zod-openapi";
import { PassportLifecycleState } from "../../generated/prisma/enums.ts";
import { AttributeValueInputSchema, AttributeViewSchema } from "../attributes/AttributeSchemas.ts";
import { BatteryCategorySchema } from "../models/BatteryModelSchemas.ts";
import { PUBLIC_ID_PATTERN } from "./PublicId.ts";

export const LifecycleStateSchema = z.enum(PassportLifecycleState).openapi("PassportLifecycleState");
export const SerialNumberSchema = z.string().trim().min(1).max(100);
export const PublicIdSchema = z.string().regex(PUBLIC_ID_PATTERN, "8-64 characters of A-Z a-z 0-9 _ -");
/** A day that exists (2026-02-30 does not), as YYYY-MM-DD. */
export const CalendarDateSchema = z.iso.date("a real date as YYYY-MM-DD");

export const PassportSchema = z
  .object({
    id: z.string().uuid(),
    publicId: z.string(),
    serialNumber: z.string(),
    productionDate: z.string().nullable(),
    lifecycleState: LifecycleStateSchema,
    model: z.object({
      id: z.string().uuid(),
      modelCode: z.string(),
      name: z.string(),
      batteryCategory: BatteryCategorySchema,
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Passport");

export const PassportListItemSchema = PassportSchema.extend({
  completenessPct: z
    .number()
    .openapi({ description: "Share of its category's mandatory attributes filled (progress)" }),
  completenessStatus: z
    .enum(["COMPLETE", "INCOMPLETE"])
    .openapi({ description: "COMPLETE when every attribute mandatory for its battery category has a value" }),
}).openapi("PassportListItem");

export const PassportListPageSchema = z
  .object({
    items: z.array(PassportListItemSchema),
    nextCursor: z.string().nullable(),
    total: z
      .number()
      .int()
      .openapi({ description: "Passports matching the filters, all pages together, counted up to 10,000" }),
    totalIsCapped: z.boolean().openapi({ description: "More than 10,000 match; `total` says 10,000" }),
  })
  .openapi("PassportPage");

export const CompletenessSchema = z
  .object({
    batteryCategory: BatteryCategorySchema,
    mandatoryCount: z.number().int(),
    presentCount: z.number().int(),
    completenessPct: z.number(),
    status: z
      .enum(["COMPLETE", "INCOMPLETE"])
      .openapi({ description: "COMPLETE when every attribute mandatory for its battery category has a value" }),
    missingKeys: z.array(z.string()),
  })
  .openapi("PassportCompleteness");

export const PassportDetailSchema = PassportSchema.extend({
  attributes: z.array(AttributeViewSchema),
  completeness: CompletenessSchema,
}).openapi("PassportDetail");

export const CreatePassportSchema = z
  .object({
    modelId: z.string().uuid(),
    serialNumber: SerialNumberSchema,
    publicId: PublicIdSchema.optional().openapi({
      description: "Generated (22 random URL-safe characters) when absent",
    }),
    productionDate: CalendarDateSchema.optional(),
    lifecycleState: LifecycleStateSchema.optional(),
    attributes: z.array(AttributeValueInputSchema).max(200).optional(),
  })
  .openapi("CreatePassport", {
    example: {
      modelId: "00000000-0000-4000-8000-00000000aaaa",
      serialNumber: "SN-000001",
      productionDate: "2026-03-01",
    },
  });

export const UpdatePassportSchema = z
  .object({ productionDate: CalendarDateSchema.nullable().optional(), lifecycleState: LifecycleStateSchema.optional() })
  .openapi("UpdatePassport", { example: { lifecycleState: "REPURPOSED" } });

export const PublicPassportSchema = z
  .object({
    publicId: z.string(),
    // Each head field is null when the reader may not see its catalogue attribute.
    serialNumber: z.string().nullable(),
    productionDate: z.string().nullable(),
    lifecycleState: LifecycleStateSchema.nullable().openapi({
      description: "Battery status (id.battery_status): legitimate interest, null for other readers",
    }),
    manufacturer: z.string().nullable(),
    model: z.object({ modelCode: z.string(), name: z.string(), batteryCategory: BatteryCategorySchema.nullable() }),
    readerAccess: z.enum(["PUBLIC", "LEGITIMATE_INTEREST", "FULL"]),
    attributes: z.array(AttributeViewSchema),
  })
  .openapi("PublicPassport");

export function toPassport(row: {
  id: string;
  publicId: string;
  serialNumber: string;
  productionDate: Date | string | null;
  lifecycleState: PassportLifecycleState;
  createdAt: Date;
  updatedAt: Date;
  model: { id: string; modelCode: string; name: string; batteryCategory: z.infer<typeof BatteryCategorySchema> };
}): z.infer<typeof PassportSchema> {
  return {
    id: row.id,
    publicId: row.publicId,
    serialNumber: row.serialNumber,
    productionDate:
      row.productionDate instanceof Date ? row.productionDate.toISOString().slice(0, 10) : row.productionDate,
    lifecycleState: row.lifecycleState,
    model: {
      id: row.model.id,
      modelCode: row.model.modelCode,
      name: row.model.name,
      batteryCategory: row.model.batteryCategory,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
