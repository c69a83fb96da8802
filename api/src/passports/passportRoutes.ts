import { createRoute, z } from "@hono/zod-openapi";
import { Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { AttributeValueInputSchema, toAttributeView } from "../attributes/AttributeSchemas.ts";
import { saveAttributeValues } from "../attributes/AttributeValueStore.ts";
import { checkAttributeWrites } from "../attributes/checkAttributeWrites.ts";
import { resolveEffectiveAttributes } from "../attributes/EffectiveAttribute.ts";
import { getCompletenessStatus, getPassportCompleteness } from "../attributes/PassportCompleteness.ts";
import { getPassportCompletenessByIds } from "../completeness/FleetCompleteness.ts";
import { csvBodySource } from "../csv/readCsvRows.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { PageQuerySchema } from "../http/CursorPage.ts";
import { MAX_BODY_BYTES } from "../http/checkRequest.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantModel } from "../models/getTenantModel.ts";
import { getTenantActor, PASSPORTS_WRITE_ACCESS, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { OrganizationParamsSchema, PassportParamsSchema } from "../tenancy/TenantParams.ts";
import { importPassports } from "./importPassports.ts";
import { listPassports, PASSPORT_SORT_KEYS } from "./listPassports.ts";
import { findTenantPassportRecord, getDerivedValues, type PassportRecord } from "./PassportRecord.ts";
import {
  CreatePassportSchema,
  LifecycleStateSchema,
  PassportDetailSchema,
  PassportListPageSchema,
  toPassport,
  UpdatePassportSchema,
} from "./PassportSchemas.ts";
import { createPublicId } from "./PublicId.ts";

export const MAX_IMPORT_ROWS = 200_000;
/** 200,000 rows of about 100 bytes, with room for long serial numbers. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const PassportAttributeWriteSchema = z
  .object({ values: z.array(AttributeValueInputSchema).min(1).max(200) })
  .openapi("PassportAttributeWrite", { example: { values: [{ key: "perf.full_cycles", value: 12 }] } });

const listRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/passports",
  tags: ["passports"],
  summary: "Passports of the organization: filtered, searched, sorted, a page at a time, with each one's completeness",
  description:
    "Keyset pagination: pass `nextCursor` as `cursor` with the same filters and sort for the next page. `total` counts every match.",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    query: PageQuerySchema.extend({
      modelId: z.string().uuid().optional(),
      lifecycleState: LifecycleStateSchema.optional(),
      q: z
        .string()
        .trim()
        .max(100)
        .optional()
        .openapi({ description: "The start of a serial number (case-insensitive), or a whole public id" }),
      sort: z.enum(PASSPORT_SORT_KEYS).default("createdAt"),
      order: z.enum(["asc", "desc"]).default("desc"),
    }),
  },
  responses: {
    200: json(PassportListPageSchema, "A page of passports"),
    ...problemResponses(401, 403, 422),
  },
});

const createPassportRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/passports",
  tags: ["passports"],
  summary: "Register one battery unit of one of the organization's models",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: { content: { "application/json": { schema: CreatePassportSchema } }, required: true },
  },
  responses: { 201: json(PassportDetailSchema, "The new passport"), ...problemResponses(401, 403, 404, 409, 422) },
});

const getRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/passports/{passportId}",
  tags: ["passports"],
  summary: "A passport with every effective attribute (own, inherited, derived) and its completeness",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: PassportParamsSchema },
  responses: { 200: json(PassportDetailSchema, "The passport"), ...problemResponses(401, 403, 404, 422) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/organizations/{organizationId}/passports/{passportId}",
  tags: ["passports"],
  summary: "Change a passport's production date or lifecycle state",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: PassportParamsSchema,
    body: { content: { "application/json": { schema: UpdatePassportSchema } }, required: true },
  },
  responses: { 200: json(PassportDetailSchema, "The passport"), ...problemResponses(401, 403, 404, 422) },
});

const writeAttributesRoute = createRoute({
  method: "patch",
  path: "/organizations/{organizationId}/passports/{passportId}/attributes",
  tags: ["passports"],
  summary: "Set or clear unit-level values and overrides; model-level attributes are refused; all or nothing",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: PassportParamsSchema,
    body: {
      content: {
        "application/json": {
          schema: PassportAttributeWriteSchema,
        },
      },
      required: true,
    },
  },
  responses: {
    200: json(PassportDetailSchema, "The passport after the write"),
    ...problemResponses(401, 403, 404, 422),
  },
});

const ImportResultSchema = z
  .object({ rows: z.number().int(), created: z.number().int(), unchanged: z.number().int() })
  .openapi("PassportImportResult");

const importRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/passports/import",
  tags: ["passports"],
  [MAX_BODY_BYTES]: MAX_IMPORT_BYTES,
  summary:
    "Import passports from CSV (public_id, model_code, serial_number[, production_date, lifecycle_state]); all or nothing",
  description:
    "The file is parsed as it streams and checked as a whole. Any bad row refuses the file with a 422 problem whose `errors` list every bad row as `{ line, reason }`. Rows already imported (same public id, model and serial) are left unchanged.",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: {
      content: {
        "text/csv": {
          schema: z
            .string()
            .openapi({ example: "public_id,model_code,serial_number\nq3ZfN0t5bXlKc2VjcmV0,VC-48-880,SN-000001\n" }),
        },
      },
      required: true,
    },
  },
  responses: { 200: json(ImportResultSchema, "What the import did"), ...problemResponses(401, 403, 422) },
});

export function passportRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  async function toPassportDetail(record: PassportRecord) {
    const catalogue = await getAttributeCatalogue(db);
    const effective = resolveEffectiveAttributes(catalogue.definitions, {
      modelValues: record.modelValues,
      passportValues: record.passportValues,
      derived: getDerivedValues(record),
    });
    const category = record.model.batteryCategory;
    return {
      ...toPassport(record),
      attributes: effective.map((attribute) => toAttributeView(attribute, category)),
      completeness: getPassportCompleteness(effective, category),
    };
  }

  async function getPassportDetail(tenantId: string, passportId: string) {
    const record = await findTenantPassportRecord(db, tenantId, passportId);
    if (!record) throw new NotFoundError("passport");
    return toPassportDetail(record);
  }

  async function assertTenantPassport(tenantId: string, passportId: string) {
    const found = await db.prisma.passport.findFirst({ where: { id: passportId, tenantId }, select: { id: true } });
    if (!found) throw new NotFoundError("passport");
  }

  app.openapi(listRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { limit, cursor, modelId, lifecycleState, q, sort, order } = c.req.valid("query");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const page = await listPassports(db, organizationId, {
      modelId,
      lifecycleState,
      search: q,
      sort,
      order,
      limit,
      cursor,
    });
    const completeness = await getPassportCompletenessByIds(
      db,
      organizationId,
      page.items.map((item) => item.id),
    );
    return c.json(
      {
        items: page.items.map((item) => {
          const counts = completeness.get(item.id);
          return {
            ...toPassport(item),
            completenessPct: counts?.completenessPct ?? 0,
            completenessStatus: getCompletenessStatus(counts?.presentCount ?? 0, counts?.mandatoryCount ?? 1),
          };
        }),
        nextCursor: page.nextCursor,
        total: page.total,
        totalIsCapped: page.totalIsCapped,
      },
      200,
    );
  });

  app.openapi(createPassportRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getTenantActor(c, services, organizationId, PASSPORTS_WRITE_ACCESS);
    const model = await getTenantModel(db.prisma, organizationId, input.modelId);
    const catalogue = await getAttributeCatalogue(db);
    const { writes, problems } = checkAttributeWrites(catalogue, "PASSPORT", input.attributes ?? []);
    if (problems.length > 0)
      throw new ValidationError("some attribute values are invalid; nothing was stored", problems);
    let passportId: string;
    try {
      passportId = await db.prisma.$transaction(async (tx) => {
        const passport = await tx.passport.create({
          data: {
            tenantId: organizationId,
            modelId: model.id,
            serialNumber: input.serialNumber,
            publicId: input.publicId ?? createPublicId(),
            productionDate: input.productionDate ? new Date(`${input.productionDate}T00:00:00Z`) : null,
            lifecycleState: input.lifecycleState ?? "ORIGINAL",
          },
        });
        await saveAttributeValues(tx, { kind: "PASSPORT", id: passport.id, tenantId: organizationId }, writes);
        return passport.id;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new ConflictError("a passport with this serial number (for this model) or public id already exists");
      }
      throw error;
    }
    return c.json(await getPassportDetail(organizationId, passportId), 201);
  });

  app.openapi(getRoute, async (c) => {
    const { organizationId, passportId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    return c.json(await getPassportDetail(organizationId, passportId), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const { organizationId, passportId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getTenantActor(c, services, organizationId, PASSPORTS_WRITE_ACCESS);
    await assertTenantPassport(organizationId, passportId);
    await db.prisma.passport.update({
      where: { id: passportId },
      data: {
        ...(input.lifecycleState ? { lifecycleState: input.lifecycleState } : {}),
        ...(input.productionDate !== undefined
          ? { productionDate: input.productionDate ? new Date(`${input.productionDate}T00:00:00Z`) : null }
          : {}),
      },
    });
    return c.json(await getPassportDetail(organizationId, passportId), 200);
  });

  app.openapi(writeAttributesRoute, async (c) => {
    const { organizationId, passportId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, PASSPORTS_WRITE_ACCESS);
    await assertTenantPassport(organizationId, passportId);
    const catalogue = await getAttributeCatalogue(db);
    const { writes, problems } = checkAttributeWrites(catalogue, "PASSPORT", c.req.valid("json").values);
    if (problems.length > 0)
      throw new ValidationError("some attribute values are invalid; nothing was stored", problems);
    await db.prisma.$transaction((tx) =>
      saveAttributeValues(tx, { kind: "PASSPORT", id: passportId, tenantId: organizationId }, writes),
    );
    return c.json(await getPassportDetail(organizationId, passportId), 200);
  });

  app.openapi(importRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, PASSPORTS_WRITE_ACCESS);
    return c.json(await importPassports(db, organizationId, csvBodySource(c.req.raw.body, MAX_IMPORT_ROWS)), 200);
  });

  return app;
}
