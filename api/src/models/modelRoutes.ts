import { createRoute, z } from "@hono/zod-openapi";
import { Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { AttributeViewSchema, AttributeWriteBodySchema, toAttributeView } from "../attributes/AttributeSchemas.ts";
import { getHolderValues, saveAttributeValues } from "../attributes/AttributeValueStore.ts";
import { checkAttributeWrites, findHolderProblem } from "../attributes/checkAttributeWrites.ts";
import { toAttributeValue } from "../attributes/EffectiveAttribute.ts";
import { readCsvRows } from "../csv/readCsvRows.ts";
import { ConflictError, ValidationError } from "../errors/ApiError.ts";
import { afterCursor, decodeCursor, PageQuerySchema, pageOrder, pageSchema, toPage } from "../http/CursorPage.ts";
import { MAX_BODY_BYTES } from "../http/checkRequest.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantActor, MODELS_WRITE_ACCESS, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { ModelParamsSchema, OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import {
  BatteryModelSchema,
  CreateBatteryModelSchema,
  toBatteryModel,
  UpdateBatteryModelSchema,
} from "./BatteryModelSchemas.ts";
import { copyReferenceBaselines } from "./copyReferenceBaselines.ts";
import { getTenantModel } from "./getTenantModel.ts";
import { importBatteryModels } from "./importBatteryModels.ts";

const MAX_MODEL_IMPORT_ROWS = 10_000;
/** The model import holds its file in memory to check it as a whole. */
export const MAX_MODEL_IMPORT_BYTES = 16 * 1024 * 1024;

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const listRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/models",
  tags: ["models"],
  summary: "Battery models of the organization, newest first",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: OrganizationParamsSchema, query: PageQuerySchema },
  responses: {
    200: json(pageSchema(BatteryModelSchema, "BatteryModelPage"), "A page of models"),
    ...problemResponses(401, 403, 422),
  },
});

const createModelRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/models",
  tags: ["models"],
  summary: "Register a battery model; a reference code copies the LMT reference pack's baseline attributes",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: { content: { "application/json": { schema: CreateBatteryModelSchema } }, required: true },
  },
  responses: { 201: json(BatteryModelSchema, "The new model"), ...problemResponses(401, 403, 409, 422) },
});

const getRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/models/{modelId}",
  tags: ["models"],
  summary: "One battery model",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: ModelParamsSchema },
  responses: { 200: json(BatteryModelSchema, "The model"), ...problemResponses(401, 403, 404, 422) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/organizations/{organizationId}/models/{modelId}",
  tags: ["models"],
  summary: "Rename a model or change its battery category",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: ModelParamsSchema,
    body: { content: { "application/json": { schema: UpdateBatteryModelSchema } }, required: true },
  },
  responses: { 200: json(BatteryModelSchema, "The model"), ...problemResponses(401, 403, 404, 422) },
});

const ModelAttributesSchema = z.object({ items: z.array(AttributeViewSchema) }).openapi("ModelAttributes");

const getAttributesRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/models/{modelId}/attributes",
  tags: ["models"],
  summary: "The attributes a model can hold (model-level and inheritable ones) with its values",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: ModelParamsSchema },
  responses: { 200: json(ModelAttributesSchema, "Attributes"), ...problemResponses(401, 403, 404, 422) },
});

const writeAttributesRoute = createRoute({
  method: "patch",
  path: "/organizations/{organizationId}/models/{modelId}/attributes",
  tags: ["models"],
  summary: "Set or clear model attribute values; all or nothing",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: ModelParamsSchema,
    body: { content: { "application/json": { schema: AttributeWriteBodySchema } }, required: true },
  },
  responses: {
    200: json(ModelAttributesSchema, "Attributes after the write"),
    ...problemResponses(401, 403, 404, 422),
  },
});

const ModelImportResultSchema = z
  .object({ rows: z.number().int(), created: z.number().int(), updated: z.number().int() })
  .openapi("ModelImportResult");

const importRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/models/import",
  tags: ["models"],
  [MAX_BODY_BYTES]: MAX_MODEL_IMPORT_BYTES,
  summary:
    "Import models from CSV (model_code, name, battery_category[, reference_code][, <attribute key>...]); all or nothing",
  description:
    "Checked as a whole; any bad row refuses the file with a 422 problem listing every bad row as `{ line, reason }`. A model code already registered is updated, never duplicated.",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: {
      content: {
        "text/csv": {
          schema: z.string().openapi({
            example: "model_code,name,battery_category,reference_code\nVC-36-504,Volta 36V 504Wh,LMT,LMT-RID-36V-504\n",
          }),
        },
      },
      required: true,
    },
  },
  responses: { 200: json(ModelImportResultSchema, "What the import did"), ...problemResponses(401, 403, 422) },
});

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function modelRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function getModelAttributes(modelId: string, batteryCategory: Parameters<typeof toAttributeView>[1]) {
    const catalogue = await getAttributeCatalogue(db);
    const values = await getHolderValues(db.prisma, "MODEL", modelId);
    return catalogue.definitions
      .filter((definition) => !findHolderProblem(definition, "MODEL"))
      .map((definition) => {
        const stored = values.get(definition.id);
        return toAttributeView(
          { definition, value: stored ? toAttributeValue(stored) : null, source: stored ? "MODEL" : null },
          batteryCategory,
        );
      });
  }

  app.openapi(listRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const rows = await db.prisma.batteryModel.findMany({
      where: { tenantId: organizationId, ...afterCursor(decodeCursor(cursor)) },
      orderBy: pageOrder,
      take: limit + 1,
    });
    const page = toPage(rows, limit);
    return c.json({ items: page.items.map(toBatteryModel), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(createModelRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getTenantActor(c, services, organizationId, MODELS_WRITE_ACCESS);
    const catalogue = await getAttributeCatalogue(db);
    const { writes, problems } = checkAttributeWrites(catalogue, "MODEL", input.attributes ?? []);
    if (problems.length > 0)
      throw new ValidationError("some attribute values are invalid; nothing was stored", problems);
    if (
      input.referenceCode &&
      !(await db.prisma.lmtReferenceBattery.findUnique({ where: { code: input.referenceCode } }))
    ) {
      throw new ValidationError(`reference code ${input.referenceCode} is not in the LMT reference catalogue`);
    }
    try {
      const model = await db.prisma.$transaction(async (tx) => {
        const created = await tx.batteryModel.create({
          data: {
            tenantId: organizationId,
            modelCode: input.modelCode,
            name: input.name,
            batteryCategory: input.batteryCategory,
            referenceCode: input.referenceCode ?? null,
          },
        });
        // Explicit values first, so the reference baseline only fills what they leave open.
        await saveAttributeValues(tx, { kind: "MODEL", id: created.id, tenantId: organizationId }, writes);
        await copyReferenceBaselines(tx, catalogue, organizationId, [created]);
        return created;
      });
      return c.json(toBatteryModel(model), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`model code ${input.modelCode} is already registered`);
      throw error;
    }
  });

  app.openapi(getRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    return c.json(toBatteryModel(await getTenantModel(db.prisma, organizationId, modelId)), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, MODELS_WRITE_ACCESS);
    await getTenantModel(db.prisma, organizationId, modelId);
    const model = await db.prisma.batteryModel.update({ where: { id: modelId }, data: c.req.valid("json") });
    return c.json(toBatteryModel(model), 200);
  });

  app.openapi(getAttributesRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const model = await getTenantModel(db.prisma, organizationId, modelId);
    return c.json({ items: await getModelAttributes(model.id, model.batteryCategory) }, 200);
  });

  app.openapi(writeAttributesRoute, async (c) => {
    const { organizationId, modelId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, MODELS_WRITE_ACCESS);
    const model = await getTenantModel(db.prisma, organizationId, modelId);
    const catalogue = await getAttributeCatalogue(db);
    const { writes, problems } = checkAttributeWrites(catalogue, "MODEL", c.req.valid("json").values);
    if (problems.length > 0)
      throw new ValidationError("some attribute values are invalid; nothing was stored", problems);
    await db.prisma.$transaction((tx) =>
      saveAttributeValues(tx, { kind: "MODEL", id: model.id, tenantId: organizationId }, writes),
    );
    return c.json({ items: await getModelAttributes(model.id, model.batteryCategory) }, 200);
  });

  app.openapi(importRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, MODELS_WRITE_ACCESS);
    const file = await readCsvRows(c.req.raw.body, MAX_MODEL_IMPORT_ROWS);
    return c.json(await importBatteryModels(db, await getAttributeCatalogue(db), organizationId, file), 200);
  });

  return app;
}
