import { z } from "@hono/zod-openapi";
import { BatteryCategory } from "../../generated/prisma/enums.ts";
import { AttributeValueInputSchema } from "../attributes/AttributeSchemas.ts";

export const BatteryCategorySchema = z.enum(BatteryCategory).openapi("BatteryCategory");

export const ModelCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/ ]*$/, "letters, digits, space and . _ - /");

export const BatteryModelSchema = z
  .object({
    id: z.string().uuid(),
    modelCode: z.string(),
    name: z.string(),
    batteryCategory: BatteryCategorySchema,
    referenceCode: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("BatteryModel");

export const CreateBatteryModelSchema = z
  .object({
    modelCode: ModelCodeSchema,
    name: z.string().trim().min(1).max(200),
    batteryCategory: BatteryCategorySchema,
    referenceCode: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: "LMT reference pack to copy baseline attributes from" }),
    attributes: z.array(AttributeValueInputSchema).max(200).optional(),
  })
  .openapi("CreateBatteryModel", {
    example: {
      modelCode: "VC-48-880",
      name: "Volta 48V 880Wh",
      batteryCategory: "LMT",
      referenceCode: "LMT-VOL-48V-880",
    },
  });

export const UpdateBatteryModelSchema = z
  .object({ name: z.string().trim().min(1).max(200).optional(), batteryCategory: BatteryCategorySchema.optional() })
  .openapi("UpdateBatteryModel", { example: { name: "Volta 48V 880Wh (2026)" } });

export function toBatteryModel(row: {
  id: string;
  modelCode: string;
  name: string;
  batteryCategory: BatteryCategory;
  referenceCode: string | null;
  createdAt: Date;
  updatedAt: Date;
}) {
  return {
    id: row.id,
    modelCode: row.modelCode,
    name: row.name,
    batteryCategory: row.batteryCategory,
    referenceCode: row.referenceCode,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
