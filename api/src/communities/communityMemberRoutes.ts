import { createRoute, z } from "@hono/zod-openapi";
import type { CommunityMember, Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { getSession } from "../auth/loadSession.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { afterCursor, decodeCursor, PageQuerySchema, pageOrder, pageSchema, toPage } from "../http/CursorPage.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { type CommunityActor, getCommunityActor, requireOperator, requireOperatorOrSelf } from "./CommunityActor.ts";
import { mergeJsonObject, readAreas, readJsonObject } from "./CommunityJson.ts";
import { checkMemberStatusChange } from "./CommunityMemberStatus.ts";
import {
  ChangeMemberStatusSchema,
  CommunityMemberParamsSchema,
  CommunityMemberRoleSchema,
  CommunityMemberSchema,
  CommunityMemberStatusSchema,
  CommunityMembershipSchema,
  CommunityParamsSchema,
  CreateCommunityMemberSchema,
  KeySchema,
  UpdateCommunityMemberSchema,
} from "./CommunitySchemas.ts";
import { isUniqueViolation } from "./isUniqueViolation.ts";

const MemberListQuerySchema = PageQuerySchema.extend({
  status: CommunityMemberStatusSchema.optional(),
  role: CommunityMemberRoleSchema.optional(),
  area: KeySchema.optional(),
});

const tags = ["energy communities"];
const r = {
  list: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/communities/{communityId}/members",
    tags,
    summary: "The community's members, newest first (operators); a member sees only themself",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema, query: MemberListQuerySchema },
    responses: {
      200: jsonResponse(pageSchema(CommunityMemberSchema, "CommunityMemberPage"), "A page"),
      ...problemResponses(401, 403, 404, 422),
    },
  }),
  create: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/communities/{communityId}/members",
    tags,
    summary: "Register a member (PENDING until approved); the community mints its key (operators)",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema, body: jsonBody(CreateCommunityMemberSchema) },
    responses: { 201: jsonResponse(CommunityMemberSchema, "The member"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  get: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/communities/{communityId}/members/{memberId}",
    tags,
    summary: "A member (operators, or the member themself)",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema },
    responses: { 200: jsonResponse(CommunityMemberSchema, "The member"), ...problemResponses(401, 403, 404, 422) },
  }),
  update: createRoute({
    method: "patch",
    path: "/organizations/{organizationId}/communities/{communityId}/members/{memberId}",
    tags,
    summary: "Change what the request names: a member their name and extra, operators also role and area",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema, body: jsonBody(UpdateCommunityMemberSchema) },
    responses: { 200: jsonResponse(CommunityMemberSchema, "The member"), ...problemResponses(401, 403, 404, 422) },
  }),
  changeStatus: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/communities/{communityId}/members/{memberId}/status",
    tags,
    summary: "Approve, suspend, reinstate or retire a member: PENDING → ACTIVE ⇄ SUSPENDED, any → INACTIVE (operators)",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema, body: jsonBody(ChangeMemberStatusSchema) },
    responses: { 200: jsonResponse(CommunityMemberSchema, "The member"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  remove: createRoute({
    method: "delete",
    path: "/organizations/{organizationId}/communities/{communityId}/members/{memberId}",
    tags,
    summary: "Soft-delete a member (operators); purge removes them for good",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema },
    responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 422) },
  }),
  purge: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/communities/{communityId}/members/{memberId}/purge",
    tags,
    summary: "Remove a soft-deleted member with their delivery points and assets for good (admins)",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema },
    responses: { 204: { description: "Purged" }, ...problemResponses(401, 403, 404, 409, 422) },
  }),
  mine: createRoute({
    method: "get",
    path: "/community-memberships",
    tags,
    summary: "The signed-in user's memberships in energy communities, wherever they are",
    security: SESSION_SECURITY,
    responses: {
      200: jsonResponse(z.object({ items: z.array(CommunityMembershipSchema) }), "Memberships"),
      ...problemResponses(401),
    },
  }),
};

type MemberRow = CommunityMember & { user: { address: string | null } | null };

export function toCommunityMember(member: MemberRow) {
  return {
    id: member.id,
    communityId: member.communityId,
    key: member.key,
    name: member.name,
    role: member.role,
    area: member.area,
    status: member.status,
    address: member.user?.address ?? null,
    externalUserId: member.externalUserId,
    extra: readJsonObject(member.extra),
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
}

const withUser = { user: { select: { address: true } } } as const;

/** A live member of the actor's community, reachable by the actor; 404 otherwise. */
export async function getCommunityMember(
  db: AppServices["db"],
  actor: CommunityActor,
  memberId: string,
): Promise<MemberRow> {
  const member = await db.prisma.communityMember.findFirst({
    where: { id: memberId, communityId: actor.communityId, tenantId: actor.organizationId, deletedAt: null },
    include: withUser,
  });
  if (!member) throw new NotFoundError("member");
  requireOperatorOrSelf(actor, memberId);
  return member;
}

async function checkAreaExists(db: AppServices["db"], communityId: string, area: string | null | undefined) {
  if (!area) return;
  const community = await db.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
  if (!readAreas(community.areas).some((existing) => existing.key === area)) {
    throw new ValidationError("the community has no such area", [{ path: "area", message: `no area ${area}` }]);
  }
}

export function communityMemberRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(r.list, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const { limit, cursor, status, role, area } = c.req.valid("query");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "read");
    const rows = await db.prisma.communityMember.findMany({
      where: {
        communityId,
        tenantId: organizationId,
        deletedAt: null,
        ...(actor.access === "MEMBER" ? { id: actor.memberId ?? "" } : {}),
        ...(status ? { status } : {}),
        ...(role ? { role } : {}),
        ...(area ? { area } : {}),
        ...afterCursor(decodeCursor(cursor)),
      },
      include: withUser,
      orderBy: pageOrder,
      take: limit + 1,
    });
    const page = toPage(rows, limit);
    return c.json({ items: page.items.map(toCommunityMember), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(r.create, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    requireOperator(actor);
    await checkAreaExists(db, communityId, input.area);
    try {
      const member = await db.prisma.$transaction(async (tx) => {
        const { mintedMembers } = await tx.community.update({
          where: { id: communityId },
          data: { mintedMembers: { increment: 1 } },
          select: { mintedMembers: true },
        });
        const user = input.address
          ? await tx.user.upsert({ where: { address: input.address }, create: { address: input.address }, update: {} })
          : undefined;
        const created = await tx.communityMember.create({
          data: {
            tenantId: organizationId,
            communityId,
            key: `M-${String(mintedMembers).padStart(6, "0")}`,
            userId: user?.id ?? null,
            externalUserId: input.externalUserId ?? null,
            name: input.name,
            role: input.role,
            area: input.area ?? null,
            extra: input.extra as Prisma.InputJsonValue,
          },
          include: withUser,
        });
        await recordAudit(tx, {
          tenantId: organizationId,
          actorId: actor.userId,
          action: "community.member.created",
          subjectType: "community_member",
          subjectId: created.id,
        });
        return created;
      });
      return c.json(toCommunityMember(member), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError("this wallet is already a member of the community");
      throw error;
    }
  });

  app.openapi(r.get, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "read");
    return c.json(toCommunityMember(await getCommunityMember(db, actor, memberId)), 200);
  });

  app.openapi(r.update, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    const member = await getCommunityMember(db, actor, memberId);
    if (actor.access === "MEMBER" && (input.role !== undefined || input.area !== undefined)) {
      throw new ForbiddenError("a member changes their name and extra; operators change role and area");
    }
    await checkAreaExists(db, communityId, input.area);
    const extra = mergeJsonObject(member.extra, input.extra);
    const updated = await db.prisma.communityMember.update({
      where: { id: memberId },
      data: { name: input.name, role: input.role, area: input.area, extra: extra as Prisma.InputJsonValue },
      include: withUser,
    });
    return c.json(toCommunityMember(updated), 200);
  });

  app.openapi(r.changeStatus, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    const { status } = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    requireOperator(actor);
    const updated = await db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`select id from app.community_member where id = ${memberId}::uuid for update`;
      const member = await tx.communityMember.findFirst({
        where: { id: memberId, communityId, tenantId: organizationId, deletedAt: null },
      });
      if (!member) throw new NotFoundError("member");
      checkMemberStatusChange(member.status, status);
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: actor.userId,
        action: "community.member.status_changed",
        subjectType: "community_member",
        subjectId: memberId,
        details: { from: member.status, to: status },
      });
      return tx.communityMember.update({ where: { id: memberId }, data: { status }, include: withUser });
    });
    return c.json(toCommunityMember(updated), 200);
  });

  app.openapi(r.remove, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    requireOperator(actor);
    await getCommunityMember(db, actor, memberId);
    await db.prisma.communityMember.update({ where: { id: memberId }, data: { deletedAt: new Date() } });
    return c.body(null, 204);
  });

  app.openapi(r.purge, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    await getCommunityActor(c, services, organizationId, communityId, "administer");
    const member = await db.prisma.communityMember.findFirst({
      where: { id: memberId, communityId, tenantId: organizationId },
    });
    if (!member) throw new NotFoundError("member");
    if (!member.deletedAt) throw new ConflictError("delete the member before purging them");
    // The member's meters' readings go too; the community's balance keeps the hours they made.
    await db.prisma.$transaction([
      db.prisma.meterReading.deleteMany({
        where: {
          assetId: {
            in: (await db.prisma.energyAsset.findMany({ where: { ownerId: memberId }, select: { id: true } })).map(
              (asset) => asset.id,
            ),
          },
        },
      }),
      db.prisma.communityMember.delete({ where: { id: memberId } }),
    ]);
    return c.body(null, 204);
  });

  app.openapi(r.mine, async (c) => {
    const { userId } = getSession(c);
    const rows = await db.prisma.communityMember.findMany({
      where: { userId, deletedAt: null, community: { deletedAt: null } },
      include: { community: { select: { name: true, tenantId: true } } },
      orderBy: { createdAt: "asc" },
      take: 100,
    });
    return c.json(
      {
        items: rows.map((row) => ({
          organizationId: row.community.tenantId,
          communityId: row.communityId,
          communityName: row.community.name,
          memberId: row.id,
          memberKey: row.key,
          role: row.role,
          status: row.status,
        })),
      },
      200,
    );
  });

  return app;
}
