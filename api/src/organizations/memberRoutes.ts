import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { afterCursor, decodeCursor, PageQuerySchema, pageOrder, pageSchema, toPage } from "../http/CursorPage.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { changeMembership } from "./MembershipRules.ts";
import { ChangeRoleSchema, MemberSchema } from "./OrganizationSchemas.ts";

const MemberParamsSchema = OrganizationParamsSchema.extend({ userId: z.string().uuid() });

const listRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/members",
  tags: ["organizations"],
  summary: "The organization's members (wallet address and role), newest first",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema, query: PageQuerySchema },
  responses: {
    200: { description: "A page", content: { "application/json": { schema: pageSchema(MemberSchema, "MemberPage") } } },
    ...problemResponses(401, 403, 422),
  },
});

const changeRoleRoute = createRoute({
  method: "patch",
  path: "/organizations/{organizationId}/members/{userId}",
  tags: ["organizations"],
  summary: "Change a member's role; admins only; the last admin cannot be demoted",
  security: SESSION_SECURITY,
  request: {
    params: MemberParamsSchema,
    body: { content: { "application/json": { schema: ChangeRoleSchema } }, required: true },
  },
  responses: {
    200: { description: "The member", content: { "application/json": { schema: MemberSchema } } },
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/organizations/{organizationId}/members/{userId}",
  tags: ["organizations"],
  summary: "Remove a member (admins), or leave (any member, their own user id); never the last admin",
  security: SESSION_SECURITY,
  request: { params: MemberParamsSchema },
  responses: { 204: { description: "Removed" }, ...problemResponses(401, 403, 404, 409, 422) },
});

export function memberRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(listRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const member = await getTenantMember(c, services, organizationId, "read");
    const rows = await db.prisma.membership.findMany({
      where: { organizationId, ...afterCursor(decodeCursor(cursor)) },
      include: { user: { select: { address: true } } },
      orderBy: pageOrder,
      take: limit + 1,
    });
    const page = toPage(rows, limit);
    return c.json(
      {
        items: page.items.map((row) => ({
          userId: row.userId,
          address: row.user.address,
          role: row.role,
          joinedAt: row.createdAt.toISOString(),
          isYou: row.userId === member.userId,
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(changeRoleRoute, async (c) => {
    const { organizationId, userId } = c.req.valid("param");
    const { role } = c.req.valid("json");
    const admin = await getTenantMember(c, services, organizationId, "admin");
    await db.prisma.$transaction((tx) => changeMembership(tx, organizationId, userId, role));
    const row = await db.prisma.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId, userId } },
      include: { user: { select: { address: true } } },
    });
    return c.json(
      {
        userId,
        address: row.user.address,
        role: row.role,
        joinedAt: row.createdAt.toISOString(),
        isYou: userId === admin.userId,
      },
      200,
    );
  });

  app.openapi(removeRoute, async (c) => {
    const { organizationId, userId } = c.req.valid("param");
    const leaving = userId === getSession(c).userId;
    await getTenantMember(c, services, organizationId, leaving ? "read" : "admin");
    await db.prisma.$transaction((tx) => changeMembership(tx, organizationId, userId, null));
    return c.body(null, 204);
  });

  return app;
}
