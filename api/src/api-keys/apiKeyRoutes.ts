import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import { afterCursor, decodeCursor, PageQuerySchema, pageOrder, pageSchema, toPage } from "../http/CursorPage.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { API_KEY_SCOPES, createApiKey } from "../tenancy/ApiKeys.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";

const ApiKeySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "First characters of the key, to recognise it" }),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The key itself, shown this once; store it now" }),
}).openapi("CreatedApiKey");

const CreateApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(API_KEY_SCOPES))
      .min(1)
      .default(["readings:write"])
      .transform((scopes) => [...new Set(scopes)])
      .openapi({
        description:
          "read: models, passports, readings, imports; models:write / passports:write: create, change and import them; readings:write: ingest",
      }),
  })
  .openapi("CreateApiKey", { example: { name: "ERP export line 3", scopes: ["read", "passports:write"] } });

type ApiKeyRow = Awaited<ReturnType<AppServices["db"]["prisma"]["apiKey"]["create"]>>;
function toApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const listRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/api-keys",
  tags: ["api keys"],
  summary: "The organization's machine API keys (admins only; never the keys themselves)",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema, query: PageQuerySchema },
  responses: {
    200: { description: "A page", content: { "application/json": { schema: pageSchema(ApiKeySchema, "ApiKeyPage") } } },
    ...problemResponses(401, 403, 422),
  },
});

const createKeyRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/api-keys",
  tags: ["api keys"],
  summary:
    "Create an API key for machines (imports, readings ingest) with its scopes; the key is in this response only",
  security: SESSION_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: { content: { "application/json": { schema: CreateApiKeySchema } }, required: true },
  },
  responses: {
    201: { description: "The key", content: { "application/json": { schema: CreatedApiKeySchema } } },
    ...problemResponses(401, 403, 422),
  },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/organizations/{organizationId}/api-keys/{apiKeyId}",
  tags: ["api keys"],
  summary: "Revoke an API key",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema.extend({ apiKeyId: z.string().uuid() }) },
  responses: { 204: { description: "Revoked" }, ...problemResponses(401, 403, 404, 422) },
});

export function apiKeyRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(listRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    await getTenantMember(c, services, organizationId, "admin");
    const rows = await db.prisma.apiKey.findMany({
      where: { tenantId: organizationId, ...afterCursor(decodeCursor(cursor)) },
      orderBy: pageOrder,
      take: limit + 1,
    });
    const page = toPage(rows, limit);
    return c.json({ items: page.items.map(toApiKey), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(createKeyRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getTenantMember(c, services, organizationId, "admin");
    const { key, record } = await createApiKey(db, {
      tenantId: organizationId,
      createdById: member.userId,
      name: input.name,
      scopes: input.scopes,
    });
    c.header("cache-control", "no-store");
    return c.json({ ...toApiKey(record), key }, 201);
  });

  app.openapi(revokeRoute, async (c) => {
    const { organizationId, apiKeyId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "admin");
    const { count } = await db.prisma.apiKey.updateMany({
      where: { id: apiKeyId, tenantId: organizationId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("API key");
    return c.body(null, 204);
  });

  return app;
}
