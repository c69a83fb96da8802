import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getCompletenessStatus } from "../attributes/PassportCompleteness.ts";
import { decodeCursor, PageQuerySchema, pageSchema, toPage } from "../http/CursorPage.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantActor, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { getFleetCompleteness, listPassportCompleteness } from "./FleetCompleteness.ts";

const FleetCompletenessSchema = z
  .object({
    passportCount: z.number().int(),
    completeCount: z
      .number()
      .int()
      .openapi({ description: "Passports with a value for every attribute mandatory for their battery category" }),
    incompleteCount: z.number().int(),
    averageCompletenessPct: z.number(),
    models: z.array(
      z.object({
        modelId: z.string(),
        modelCode: z.string(),
        batteryCategory: z.string(),
        passportCount: z.number().int(),
        completeCount: z.number().int(),
        averageCompletenessPct: z.number(),
      }),
    ),
  })
  .openapi("FleetCompleteness");

const PassportCompletenessRowSchema = z
  .object({
    id: z.string(),
    publicId: z.string(),
    serialNumber: z.string(),
    modelCode: z.string(),
    mandatoryCount: z.number().int(),
    presentCount: z.number().int(),
    completenessPct: z.number(),
    status: z
      .enum(["COMPLETE", "INCOMPLETE"])
      .openapi({ description: "COMPLETE when every attribute mandatory for its battery category has a value" }),
  })
  .openapi("PassportCompletenessRow");

const fleetRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/completeness",
  tags: ["compliance"],
  summary: "Fleet compliance: completeness of every passport of the organization, summed per model (one query)",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: OrganizationParamsSchema },
  responses: {
    200: { description: "Fleet summary", content: { "application/json": { schema: FleetCompletenessSchema } } },
    ...problemResponses(401, 403, 422),
  },
});

const passportsRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/completeness/passports",
  tags: ["compliance"],
  summary: "Completeness per passport, newest first; `status=NON_COMPLIANT` lists the ones to fix",
  security: SESSION_OR_API_KEY_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    query: PageQuerySchema.extend({ status: z.enum(["INCOMPLETE"]).optional() }),
  },
  responses: {
    200: {
      description: "A page",
      content: {
        "application/json": { schema: pageSchema(PassportCompletenessRowSchema, "PassportCompletenessPage") },
      },
    },
    ...problemResponses(401, 403, 422),
  },
});

export function completenessRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  app.openapi(fleetRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    return c.json(await getFleetCompleteness(db, organizationId), 200);
  });

  app.openapi(passportsRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { limit, cursor, status } = c.req.valid("query");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const rows = await listPassportCompleteness(db, organizationId, {
      onlyIncomplete: status === "INCOMPLETE",
      cursor: decodeCursor(cursor),
      limit: limit + 1,
    });
    const page = toPage(rows, limit);
    return c.json(
      {
        items: page.items.map(({ createdAt: _createdAt, ...row }) => ({
          ...row,
          status: getCompletenessStatus(row.presentCount, row.mandatoryCount),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  return app;
}
