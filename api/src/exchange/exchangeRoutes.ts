import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY, SESSION_SECURITY } from "../http/security.ts";
import { UnitParamsSchema } from "../owners/garageRoutes.ts";
import { getOwnerOrganizationId } from "../owners/getOwnerOrganizationId.ts";
import { getUnitAccess } from "../owners/UnitAccess.ts";
import { EXCHANGE_FORMAT, EXCHANGE_SCHEMA, parseExchangeDocument } from "./ExchangeDocument.ts";
import { exportUnitExchange, importUnitExchange } from "./exchangeUnit.ts";

const ExchangeDocumentSchema = z.record(z.string(), z.unknown()).openapi("ExchangeDocument", {
  description: `A unit with its whole service history as ${EXCHANGE_FORMAT}; its JSON Schema is GET /exchange/${EXCHANGE_FORMAT}.schema.json`,
  example: {
    format: EXCHANGE_FORMAT,
    exportedAt: "2026-12-01T00:00:00Z",
    unit: {
      publicId: "example-import-unit",
      serialNumber: "SN-1",
      model: { modelCode: "EB-1", name: "E-bike pack", batteryCategory: "LMT" },
      lifecycleState: "ORIGINAL",
      productionDate: null,
      usageUnit: "KM",
    },
    usage: [],
    entries: [],
    serviceRecords: [],
    recommendations: [],
  },
});

const ImportResultSchema = z
  .object({
    passportId: z.string().uuid(),
    created: z.boolean(),
    entries: z.number(),
    usageReadings: z.number(),
    serviceRecords: z.number(),
    recommendations: z.number(),
  })
  .openapi("ExchangeImportResult");

const r = {
  schema: createRoute({
    method: "get",
    path: `/exchange/${EXCHANGE_FORMAT}.schema.json`,
    tags: ["exchange"],
    summary: `The JSON Schema of ${EXCHANGE_FORMAT}`,
    security: PUBLIC_SECURITY,
    responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), "JSON Schema (draft 2020-12)") },
  }),
  export: createRoute({
    method: "get",
    path: "/units/{passportId}/exchange",
    tags: ["exchange"],
    summary: `Export the unit's passport identity and whole service history as ${EXCHANGE_FORMAT}`,
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: { 200: jsonResponse(ExchangeDocumentSchema, "The document"), ...problemResponses(401, 404) },
  }),
  import: createRoute({
    method: "post",
    path: "/garage/imports",
    tags: ["exchange"],
    summary: `Import a unit with its history (${EXCHANGE_FORMAT}) into my garage: validated, all or nothing, the same document once`,
    security: SESSION_SECURITY,
    request: { body: { content: { "application/json": { schema: ExchangeDocumentSchema } }, required: true } },
    responses: {
      200: jsonResponse(ImportResultSchema, "Imported before: nothing changed"),
      201: jsonResponse(ImportResultSchema, "Imported"),
      ...problemResponses(401, 409, 422),
    },
  }),
};

export function exchangeRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(r.schema, (c) => {
    c.header("cache-control", "public, max-age=3600");
    return c.json(EXCHANGE_SCHEMA, 200);
  });

  app.openapi(r.export, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "EXPORT");
    const document = await exportUnitExchange(db, { passportId, ownerOrgId: access.ownerOrgId });
    c.header("content-disposition", `attachment; filename="${access.publicId}.${EXCHANGE_FORMAT}.json"`);
    c.header("cache-control", "no-store");
    return c.json(document, 200);
  });

  app.openapi(r.import, async (c) => {
    const session = getSession(c);
    const document = parseExchangeDocument(c.req.valid("json"));
    const ownerOrgId = await getOwnerOrganizationId(db.prisma, session.userId);
    const result = await importUnitExchange(db, { ownerOrgId, userId: session.userId, document });
    return c.json(result, result.created ? 201 : 200);
  });

  return app;
}
