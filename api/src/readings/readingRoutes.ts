import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { PageQuerySchema, pageSchema } from "../http/CursorPage.ts";
import { MAX_BODY_BYTES } from "../http/checkRequest.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { API_KEY_SECURITY, SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getApiKeyTenant } from "../tenancy/ApiKeys.ts";
import { getTenantActor, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { PassportParamsSchema } from "../tenancy/TenantParams.ts";
import { ingestReadings } from "./ingestReadings.ts";
import { IngestResultSchema, ReadingBatchSchema, ReadingSchema } from "./ReadingSchemas.ts";

const ingestRoute = createRoute({
  method: "post",
  path: "/readings",
  tags: ["readings"],
  // 10,000 readings of about 250 bytes of JSON each.
  [MAX_BODY_BYTES]: 4 * 1024 * 1024,
  summary: "Ingest a batch of BMS readings with a tenant API key; idempotent per Idempotency-Key; all or nothing",
  security: API_KEY_SECURITY,
  request: {
    headers: z.object({
      "idempotency-key": z
        .string()
        .min(8)
        .max(200)
        .openapi({ description: "Unique per batch; a retry sends the same key" }),
    }),
    body: { content: { "application/json": { schema: ReadingBatchSchema } }, required: true },
  },
  responses: {
    201: { description: "Stored", content: { "application/json": { schema: IngestResultSchema } } },
    200: {
      description: "A replay of a batch already stored",
      content: { "application/json": { schema: IngestResultSchema } },
    },
    ...problemResponses(401, 403, 409, 422),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/passports/{passportId}/readings",
  tags: ["readings"],
  summary: "A unit's readings, newest first",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: PassportParamsSchema, query: PageQuerySchema },
  responses: {
    200: {
      description: "A page",
      content: { "application/json": { schema: pageSchema(ReadingSchema, "ReadingPage") } },
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

const ISSUED_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function decodeReadingCursor(cursor: string | undefined): Date | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const date = new Date(text);
  // Only what the list writes (toISOString): any other text could name an instant Postgres cannot hold.
  if (!ISSUED_CURSOR.test(text) || Number.isNaN(date.getTime())) {
    throw new ValidationError("cursor is not one this api issued");
  }
  return date;
}

export function readingRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(ingestRoute, async (c) => {
    const { tenantId, apiKeyId } = await getApiKeyTenant(c, db, "readings:write");
    const result = await ingestReadings(db, await getAttributeCatalogue(db), {
      tenantId,
      apiKeyId,
      idempotencyKey: c.req.valid("header")["idempotency-key"],
      readings: c.req.valid("json").readings,
    });
    return c.json(result, result.replayed ? 200 : 201);
  });

  app.openapi(listRoute, async (c) => {
    const { organizationId, passportId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const passport = await db.prisma.passport.findFirst({
      where: { id: passportId, tenantId: organizationId },
      select: { id: true },
    });
    if (!passport) throw new NotFoundError("passport");
    const before = decodeReadingCursor(cursor);
    // A reading's key is (passport, instant), so the instant alone is the cursor within a passport.
    const rows = await db.prisma.reading.findMany({
      where: { passportId, ...(before ? { measuredAt: { lt: before } } : {}) },
      orderBy: { measuredAt: "desc" },
      take: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const number = (value: { toNumber(): number } | null) => (value === null ? null : value.toNumber());
    return c.json(
      {
        items: items.map((row) => ({
          measuredAt: row.measuredAt.toISOString(),
          stateOfHealthPct: number(row.stateOfHealthPct),
          stateOfChargePct: number(row.stateOfChargePct),
          cycleCount: row.cycleCount,
          voltageV: number(row.voltageV),
          currentA: number(row.currentA),
          temperatureC: number(row.temperatureC),
          remainingCapacityAh: number(row.remainingCapacityAh),
        })),
        nextCursor:
          rows.length > limit && last ? Buffer.from(last.measuredAt.toISOString()).toString("base64url") : null,
      },
      200,
    );
  });

  return app;
}
