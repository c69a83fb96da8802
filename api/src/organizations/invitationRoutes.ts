import { createRoute, z } from "@hono/zod-openapi";
import { Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession, getWalletSession } from "../auth/loadSession.ts";
import { ConflictError, NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { lockOrganization } from "./MembershipRules.ts";
import { CreateInvitationSchema, InvitationSchema, OrganizationSchema } from "./OrganizationSchemas.ts";
import { toOrganization } from "./toOrganization.ts";

const InvitationListSchema = z.object({ items: z.array(InvitationSchema) }).openapi("InvitationList");
const InvitationParamsSchema = z.object({ invitationId: z.string().uuid() });

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const createInvitationRoute = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/invitations",
  tags: ["organizations"],
  summary: "Invite a wallet address with a role; admins only. The wallet's owner accepts after signing in",
  security: SESSION_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: { content: { "application/json": { schema: CreateInvitationSchema } }, required: true },
  },
  responses: { 201: json(InvitationSchema, "The invitation"), ...problemResponses(401, 403, 409, 422) },
});

const listOpenRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/invitations",
  tags: ["organizations"],
  summary: "The organization's open invitations (neither accepted, declined, revoked nor expired); admins only",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema },
  responses: { 200: json(InvitationListSchema, "Open invitations, newest first"), ...problemResponses(401, 403, 422) },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/organizations/{organizationId}/invitations/{invitationId}",
  tags: ["organizations"],
  summary: "Revoke an open invitation; admins only",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema.extend({ invitationId: z.string().uuid() }) },
  responses: { 204: { description: "Revoked" }, ...problemResponses(401, 403, 404, 422) },
});

const listMineRoute = createRoute({
  method: "get",
  path: "/invitations",
  tags: ["organizations"],
  summary: "Open invitations to the signed-in wallet",
  security: SESSION_SECURITY,
  responses: { 200: json(InvitationListSchema, "Open invitations, newest first"), ...problemResponses(401) },
});

const acceptRoute = createRoute({
  method: "post",
  path: "/invitations/{invitationId}/accept",
  tags: ["organizations"],
  summary: "Accept an invitation to the signed-in wallet: it becomes a member with the invited role",
  security: SESSION_SECURITY,
  request: { params: InvitationParamsSchema },
  responses: { 200: json(OrganizationSchema, "The organization joined"), ...problemResponses(401, 404, 409, 422) },
});

const declineRoute = createRoute({
  method: "post",
  path: "/invitations/{invitationId}/decline",
  tags: ["organizations"],
  summary: "Decline an invitation to the signed-in wallet",
  security: SESSION_SECURITY,
  request: { params: InvitationParamsSchema },
  responses: { 204: { description: "Declined" }, ...problemResponses(401, 404, 422) },
});

const invitationInclude = {
  organization: { select: { name: true, kind: true } },
  invitedBy: { select: { address: true } },
} as const;

type InvitationRow = Prisma.OrganizationInvitationGetPayload<{ include: typeof invitationInclude }>;

function toInvitation(row: InvitationRow) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: row.organization.name,
    organizationKind: row.organization.kind,
    address: row.address,
    role: row.role,
    invitedBy: row.invitedBy?.address ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** Filter for invitations still open now. */
function openNow() {
  return { acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: new Date() } };
}

export function invitationRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  app.openapi(createInvitationRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { address, role } = c.req.valid("json");
    const admin = await getTenantMember(c, services, organizationId, "admin");
    const invitation = await db.prisma.$transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const member = await tx.membership.findFirst({ where: { organizationId, user: { address } } });
      if (member) throw new ConflictError(`${address} is already a member of this organization`);
      const open = await tx.organizationInvitation.findFirst({ where: { organizationId, address, ...openNow() } });
      if (open) throw new ConflictError(`${address} has an open invitation already; revoke it to invite again`);
      // An expired invitation no longer blocks a new one (the open-invitation index counts it until closed).
      await tx.organizationInvitation.updateMany({
        where: { organizationId, address, acceptedAt: null, declinedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      return tx.organizationInvitation.create({
        data: {
          organizationId,
          address,
          role,
          invitedById: admin.userId,
          expiresAt: new Date(Date.now() + config.INVITATION_TTL_DAYS * 86_400_000),
        },
        include: invitationInclude,
      });
    });
    return c.json(toInvitation(invitation), 201);
  });

  app.openapi(listOpenRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "admin");
    const rows = await db.prisma.organizationInvitation.findMany({
      where: { organizationId, ...openNow() },
      include: invitationInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
    });
    return c.json({ items: rows.map(toInvitation) }, 200);
  });

  app.openapi(revokeRoute, async (c) => {
    const { organizationId, invitationId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "admin");
    const { count } = await db.prisma.organizationInvitation.updateMany({
      where: { id: invitationId, organizationId, ...openNow() },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("open invitation");
    return c.body(null, 204);
  });

  app.openapi(listMineRoute, async (c) => {
    const session = getWalletSession(c);
    const rows = await db.prisma.organizationInvitation.findMany({
      where: { address: session.address, ...openNow() },
      include: invitationInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 500,
    });
    return c.json({ items: rows.map(toInvitation) }, 200);
  });

  app.openapi(acceptRoute, async (c) => {
    const session = getWalletSession(c);
    const { invitationId } = c.req.valid("param");
    const joined = await db.prisma.$transaction(async (tx) => {
      const invitation = await tx.organizationInvitation.findFirst({
        where: { id: invitationId, address: session.address, ...openNow() },
      });
      // Another wallet's invitation is indistinguishable from none.
      if (!invitation) throw new NotFoundError("open invitation");
      await lockOrganization(tx, invitation.organizationId);
      const { count } = await tx.organizationInvitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, declinedAt: null, revokedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (count === 0) throw new NotFoundError("open invitation");
      try {
        return await tx.membership.create({
          data: { organizationId: invitation.organizationId, userId: session.userId, role: invitation.role },
          include: { organization: true },
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          throw new ConflictError("you are already a member of this organization");
        }
        throw error;
      }
    });
    return c.json(toOrganization(joined.organization, joined.role), 200);
  });

  app.openapi(declineRoute, async (c) => {
    const session = getWalletSession(c);
    const { invitationId } = c.req.valid("param");
    const { count } = await db.prisma.organizationInvitation.updateMany({
      where: { id: invitationId, address: session.address, ...openNow() },
      data: { declinedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("open invitation");
    return c.body(null, 204);
  });

  return app;
}
