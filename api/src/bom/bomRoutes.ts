import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantModel } from "../models/getTenantModel.ts";
import { getTenantActor, MODELS_WRITE_ACCESS, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { ModelParamsSchema, PassportParamsSchema } from "../tenancy/TenantParams.ts";
import { getModelBom, getPassportBom, replaceModelBom } from "./BillOfMaterials.ts";

const BomLineSchema = z.object({
  partNumber: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(500),
  material: z.string().max(200).nullable().optional(),
  supplier: z.string().max(200).nullable().optional(),
  quantity: z.number().positive().max(1_000_000),
  massKg: z.number().min(0).max(100_000).openapi({ description: "Mass of one piece, kg" }),
});

const BomSchema = z
  .object({
    source: z.enum(["MODEL", "PASSPORT"]).nullable(),
    lines: z.array(BomLineSchema.extend({ position: z.number().int() })),
    totalMassKg: z.number(),
    declaredBatteryMassKg: z.number().nullable(),
    massBalanceDeltaKg: z.number().nullable(),
  })
  .openapi("BillOfMaterials");

const ReplaceBomSchema = z.object({ lines: z.array(BomLineSchema).max(1000) }).openapi("ReplaceBillOfMaterials", {
  example: {
    lines: [
      {
        partNumber: "CELL-21700-50E",
        description: "21700 cell 5.0 Ah",
        material: "NMC 811",
        quantity: 40,
        massKg: 0.07,
      },
    ],
  },
});

const ok = { description: "The bill of materials", content: { "application/json": { schema: BomSchema } } };

const getModelBomRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/models/{modelId}/bom",
  tags: ["models"],
  summary: "The model's primary bill of materials with its mass balance",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: ModelParamsSchema },
  responses: { 200: ok, ...problemResponses(401, 403, 404, 422) },
});

const replaceModelBomRoute = createRoute({
  method: "put",
  path: "/organizations/{organizationId}/models/{modelId}/bom",
  tags: ["models"],
  summary: "Replace the model's primary bill of materials",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: ModelParamsSchema,
    body: { content: { "application/json": { schema: ReplaceBomSchema } }, required: true },
  },
  responses: { 200: ok, ...problemResponses(401, 403, 404, 422) },
});

const getPassportBomRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/passports/{passportId}/bom",
  tags: ["passports"],
  summary: "A unit's bill of materials: its model's primary BOM, else a legacy per-passport BOM",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: PassportParamsSchema },
  responses: { 200: ok, ...problemResponses(401, 403, 404, 422) },
});

export function bomRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(getModelBomRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    await getTenantModel(db.prisma, organizationId, modelId);
    return c.json(await getModelBom(db.prisma, modelId), 200);
  });

  app.openapi(replaceModelBomRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, MODELS_WRITE_ACCESS);
    await getTenantModel(db.prisma, organizationId, modelId);
    await replaceModelBom(db.prisma, organizationId, modelId, c.req.valid("json").lines);
    return c.json(await getModelBom(db.prisma, modelId), 200);
  });

  app.openapi(getPassportBomRoute, async (c) => {
    const { organizationId, passportId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const passport = await db.prisma.passport.findFirst({
      where: { id: passportId, tenantId: organizationId },
      select: { id: true, modelId: true },
    });
    if (!passport) throw new NotFoundError("passport");
    return c.json(await getPassportBom(db.prisma, passport), 200);
  });

  return app;
}
