import { z } from "@hono/zod-openapi";
import { DeliveryPointType } from "../../generated/prisma/enums.ts";
import { PostalAddressSchema } from "../organizations/OrganizationSchemas.ts";
import { CommunityMemberParamsSchema } from "./CommunitySchemas.ts";
import { findDeliveryPointScheme, normaliseDeliveryPointId } from "./DeliveryPointId.ts";

export const DeliveryPointParamsSchema = CommunityMemberParamsSchema.extend({ deliveryPointId: z.string().uuid() });

export const DeliveryPointCodeSchema = z
  .string()
  .max(40)
  .transform(normaliseDeliveryPointId)
  .refine(
    (id) => findDeliveryPointScheme(id) !== undefined,
    "a metering-point id: an Italian POD (IT001E12345678), an 18-digit EAN whose check digit holds, or a 16-character ENTSO-E EIC whose check character holds",
  )
  .openapi({ example: "IT001E12345678" });

export const DeliveryPointTypeSchema = z.enum(DeliveryPointType).openapi("DeliveryPointType");

export const CreateDeliveryPointSchema = z
  .object({
    code: DeliveryPointCodeSchema,
    type: DeliveryPointTypeSchema,
    description: z.string().trim().max(500).nullable().optional(),
    address: PostalAddressSchema.optional(),
    tariff: z.string().trim().max(64).nullable().optional().openapi({ example: "BTA6" }),
    active: z.boolean().default(true),
  })
  .openapi("CreateDeliveryPoint", {
    example: { code: "IT001E12345678", type: "EXCHANGE", tariff: "D2", address: { city: "Torino", countryCode: "IT" } },
  });

export const UpdateDeliveryPointSchema = z
  .object({
    type: DeliveryPointTypeSchema.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    address: PostalAddressSchema.partial().optional(),
    tariff: z.string().trim().max(64).nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi("UpdateDeliveryPoint", { example: { tariff: "D3", active: true } });

export const DeliveryPointSchema = z
  .object({
    id: z.string().uuid(),
    memberId: z.string().uuid(),
    code: z.string(),
    scheme: z.enum(["IT_POD", "EAN_18", "EIC"]),
    type: DeliveryPointTypeSchema,
    description: z.string().nullable(),
    address: z.record(z.string(), z.unknown()),
    tariff: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("DeliveryPoint");
