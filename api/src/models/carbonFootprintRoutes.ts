import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { getHolderValues, saveAttributeValues } from "../attributes/AttributeValueStore.ts";
import { checkAttributeWrites } from "../attributes/checkAttributeWrites.ts";
import { toAttributeValue } from "../attributes/EffectiveAttribute.ts";
import { ValidationError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantActor, MODELS_WRITE_ACCESS, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { ModelParamsSchema } from "../tenancy/TenantParams.ts";
import { getTenantModel } from "./getTenantModel.ts";

/**
 * The carbon footprint declaration is a typed view of the model's carbon attributes (cf.*), so the
 * declaration, the passport and completeness read one stored value.
 */
const FIELD_KEYS = {
  performanceClass: "cf.performance_class",
  kgCo2ePerKwh: "cf.kg_co2e_per_kwh",
  rawMaterialAcquisitionPct: "cf.share_raw_material_pct",
  mainProductionPct: "cf.share_production_pct",
  distributionPct: "cf.share_distribution_pct",
  endOfLifeRecyclingPct: "cf.share_end_of_life_pct",
  studyUrl: "cf.study_url",
  absoluteTCo2e: "cf.absolute_t_co2e",
} as const;

const Pct = z.number().min(0).max(100);
const StagesSchema = z.object({
  rawMaterialAcquisitionPct: Pct,
  mainProductionPct: Pct,
  distributionPct: Pct,
  endOfLifeRecyclingPct: Pct,
});

const DeclareCarbonFootprintSchema = z
  .object({
    performanceClass: z.enum(["A", "B", "C", "D", "E"]),
    kgCo2ePerKwh: z.number().min(0),
    lifecycleStages: StagesSchema,
    studyUrl: z.string().url().optional(),
    absoluteTCo2e: z.number().int().min(0).optional(),
  })
  .openapi("DeclareCarbonFootprint", {
    example: {
      performanceClass: "B",
      kgCo2ePerKwh: 71.3,
      lifecycleStages: {
        rawMaterialAcquisitionPct: 62,
        mainProductionPct: 31,
        distributionPct: 2,
        endOfLifeRecyclingPct: 5,
      },
      studyUrl: "https://example.com/carbon-study.pdf",
    },
  });

const CarbonFootprintSchema = z
  .object({
    declared: z.boolean(),
    performanceClass: z.string().nullable(),
    kgCo2ePerKwh: z.number().nullable(),
    lifecycleStages: z.object({
      rawMaterialAcquisitionPct: z.number().nullable(),
      mainProductionPct: z.number().nullable(),
      distributionPct: z.number().nullable(),
      endOfLifeRecyclingPct: z.number().nullable(),
    }),
    studyUrl: z.string().nullable(),
    absoluteTCo2e: z.number().nullable(),
  })
  .openapi("CarbonFootprint");

const ok = { description: "The declaration", content: { "application/json": { schema: CarbonFootprintSchema } } };

const getRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/models/{modelId}/carbon-footprint",
  tags: ["models"],
  summary: "The model's carbon footprint declaration (class, kg CO₂e/kWh, lifecycle stages)",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: ModelParamsSchema },
  responses: { 200: ok, ...problemResponses(401, 403, 404, 422) },
});

const putRoute = createRoute({
  method: "put",
  path: "/organizations/{organizationId}/models/{modelId}/carbon-footprint",
  tags: ["models"],
  summary: "Declare the model's carbon footprint; lifecycle stage shares must add up to 100 %",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: ModelParamsSchema,
    body: { content: { "application/json": { schema: DeclareCarbonFootprintSchema } }, required: true },
  },
  responses: { 200: ok, ...problemResponses(401, 403, 404, 422) },
});

export function carbonFootprintRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function getCarbonFootprint(modelId: string) {
    const catalogue = await getAttributeCatalogue(db);
    const values = await getHolderValues(db.prisma, "MODEL", modelId);
    const read = (field: keyof typeof FIELD_KEYS) => {
      const stored = values.get(catalogue.findByKey(FIELD_KEYS[field])!.id);
      return stored ? toAttributeValue(stored) : null;
    };
    const number = (field: keyof typeof FIELD_KEYS) => read(field) as number | null;
    return {
      declared: read("performanceClass") !== null && read("kgCo2ePerKwh") !== null,
      performanceClass: read("performanceClass") as string | null,
      kgCo2ePerKwh: number("kgCo2ePerKwh"),
      lifecycleStages: {
        rawMaterialAcquisitionPct: number("rawMaterialAcquisitionPct"),
        mainProductionPct: number("mainProductionPct"),
        distributionPct: number("distributionPct"),
        endOfLifeRecyclingPct: number("endOfLifeRecyclingPct"),
      },
      studyUrl: read("studyUrl") as string | null,
      absoluteTCo2e: number("absoluteTCo2e"),
    };
  }

  app.openapi(getRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    await getTenantModel(db.prisma, organizationId, modelId);
    return c.json(await getCarbonFootprint(modelId), 200);
  });

  app.openapi(putRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getTenantActor(c, services, organizationId, MODELS_WRITE_ACCESS);
    await getTenantModel(db.prisma, organizationId, modelId);
    const stages = input.lifecycleStages;
    const stageSum =
      stages.rawMaterialAcquisitionPct +
      stages.mainProductionPct +
      stages.distributionPct +
      stages.endOfLifeRecyclingPct;
    if (Math.abs(stageSum - 100) > 0.5) {
      throw new ValidationError(`lifecycle stage shares add up to ${stageSum} %, not 100 %`);
    }
    const catalogue = await getAttributeCatalogue(db);
    const { writes, problems } = checkAttributeWrites(catalogue, "MODEL", [
      { key: FIELD_KEYS.performanceClass, value: input.performanceClass },
      { key: FIELD_KEYS.kgCo2ePerKwh, value: input.kgCo2ePerKwh },
      { key: FIELD_KEYS.rawMaterialAcquisitionPct, value: stages.rawMaterialAcquisitionPct },
      { key: FIELD_KEYS.mainProductionPct, value: stages.mainProductionPct },
      { key: FIELD_KEYS.distributionPct, value: stages.distributionPct },
      { key: FIELD_KEYS.endOfLifeRecyclingPct, value: stages.endOfLifeRecyclingPct },
      { key: FIELD_KEYS.studyUrl, value: input.studyUrl ?? null },
      { key: FIELD_KEYS.absoluteTCo2e, value: input.absoluteTCo2e ?? null },
    ]);
    if (problems.length > 0) throw new ValidationError("the declaration is invalid; nothing was stored", problems);
    await db.prisma.$transaction((tx) =>
      saveAttributeValues(tx, { kind: "MODEL", id: modelId, tenantId: organizationId }, writes),
    );
    return c.json(await getCarbonFootprint(modelId), 200);
  });

  return app;
}
