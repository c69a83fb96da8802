import { createRoute } from "@hono/zod-openapi";
import type { Community, Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { afterCursor, decodeCursor, PageQuerySchema, pageOrder, pageSchema, toPage } from "../http/CursorPage.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { type CommunityActor, getCommunityActor, requireOperator } from "./CommunityActor.ts";
import { mergeJsonObject, readAreas, readJsonObject, readTopology } from "./CommunityJson.ts";
import {
  type Area,
  AreaParamsSchema,
  AreaSchema,
  CommunityParamsSchema,
  CommunitySchema,
  CreateCommunitySchema,
  listTopologyNodeIds,
  UpdateAreaSchema,
  UpdateCommunitySchema,
} from "./CommunitySchemas.ts";

const tags = ["energy communities"];
const r = {
  create: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/communities",
    tags,
    summary: "Set up an energy community run by this community operator; its members are the operators",
    security: SESSION_SECURITY,
    request: { params: OrganizationParamsSchema, body: jsonBody(CreateCommunitySchema) },
    responses: { 201: jsonResponse(CommunitySchema, "The community"), ...problemResponses(401, 403, 409, 422) },
  }),
  list: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/communities",
    tags,
    summary: "The communities this organization runs, newest first",
    security: SESSION_SECURITY,
    request: { params: OrganizationParamsSchema, query: PageQuerySchema },
    responses: {
      200: jsonResponse(pageSchema(CommunitySchema, "CommunityPage"), "A page"),
      ...problemResponses(401, 403, 422),
    },
  }),
  get: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/communities/{communityId}",
    tags,
    summary: "A community with its areas, topology and profile (operators and its members)",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema },
    responses: { 200: jsonResponse(CommunitySchema, "The community"), ...problemResponses(401, 403, 404, 422) },
  }),
  update: createRoute({
    method: "patch",
    path: "/organizations/{organizationId}/communities/{communityId}",
    tags,
    summary: "Change what the request names; nothing else is cleared (operators)",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema, body: jsonBody(UpdateCommunitySchema) },
    responses: { 200: jsonResponse(CommunitySchema, "The community"), ...problemResponses(401, 403, 404, 422) },
  }),
  remove: createRoute({
    method: "delete",
    path: "/organizations/{organizationId}/communities/{communityId}",
    tags,
    summary: "Soft-delete a community (admins); purge removes it for good",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema },
    responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 422) },
  }),
  purge: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/communities/{communityId}/purge",
    tags,
    summary: "Remove a soft-deleted community with its members, assets and readings for good (admins)",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema },
    responses: { 204: { description: "Purged" }, ...problemResponses(401, 403, 404, 409, 422) },
  }),
  putArea: createRoute({
    method: "put",
    path: "/organizations/{organizationId}/communities/{communityId}/areas/{areaKey}",
    tags,
    summary: "Add or replace one area (operators)",
    security: SESSION_SECURITY,
    request: {
      params: AreaParamsSchema,
      body: jsonBody(
        AreaSchema.omit({ key: true }).openapi("CommunityAreaInput", {
          example: { name: "Cabina primaria Sud", topology: [], location: { lat: 45.05, lon: 7.66 } },
        }),
      ),
    },
    responses: { 200: jsonResponse(AreaSchema, "The area"), ...problemResponses(401, 403, 404, 422) },
  }),
  patchArea: createRoute({
    method: "patch",
    path: "/organizations/{organizationId}/communities/{communityId}/areas/{areaKey}",
    tags,
    summary: "Change one area; a new key carries its members with it (operators)",
    security: SESSION_SECURITY,
    request: { params: AreaParamsSchema, body: jsonBody(UpdateAreaSchema) },
    responses: { 200: jsonResponse(AreaSchema, "The area"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  deleteArea: createRoute({
    method: "delete",
    path: "/organizations/{organizationId}/communities/{communityId}/areas/{areaKey}",
    tags,
    summary: "Remove an area no live member is in (operators)",
    security: SESSION_SECURITY,
    request: { params: AreaParamsSchema },
    responses: { 204: { description: "Removed" }, ...problemResponses(401, 403, 404, 409, 422) },
  }),
};

type Transaction = Prisma.TransactionClient;

/** Locks the community row for the rest of the transaction: its JSON fields change read-merge-write. */
async function lockCommunity(tx: Transaction, organizationId: string, communityId: string): Promise<Community> {
  await tx.$queryRaw`select id from app.community where id = ${communityId}::uuid for update`;
  const community = await tx.community.findFirst({ where: { id: communityId, tenantId: organizationId } });
  if (!community) throw new NotFoundError("community");
  return community;
}

function checkAreaTopology(area: Pick<Area, "topology">, community: Community): void {
  const { ids } = listTopologyNodeIds(readTopology(community.topology));
  const unknown = area.topology.filter((node) => !ids.has(node));
  if (unknown.length > 0) {
    throw new ValidationError("the area names topology nodes the community does not have", [
      { path: "topology", message: `no topology node ${unknown.join(", ")}` },
    ]);
  }
}

export async function toCommunity(db: AppServices["db"], community: Community, actor: CommunityActor | "OPERATOR") {
  const memberCount = await db.prisma.communityMember.count({
    where: { communityId: community.id, deletedAt: null },
  });
  const you =
    actor === "OPERATOR"
      ? { access: "OPERATOR" as const, canWrite: true, canAdminister: true, memberId: null }
      : {
          access: actor.access,
          canWrite: actor.canWrite,
          canAdminister: actor.canAdminister,
          memberId: actor.memberId,
        };
  return {
    id: community.id,
    organizationId: community.tenantId,
    key: community.key,
    name: community.name,
    description: community.description,
    areas: readAreas(community.areas),
    topology: readTopology(community.topology),
    legal: readJsonObject(community.legal),
    links: readJsonObject(community.links),
    contact: readJsonObject(community.contact),
    settings: readJsonObject(community.settings),
    extra: readJsonObject(community.extra),
    memberCount,
    you,
    createdAt: community.createdAt.toISOString(),
    updatedAt: community.updatedAt.toISOString(),
    deletedAt: community.deletedAt?.toISOString() ?? null,
  };
}

export function communityRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(r.create, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    const operator = await getTenantMember(c, services, organizationId, "write");
    if (operator.organizationKind !== "COMMUNITY_OPERATOR") {
      throw new ForbiddenError("only a community operator organization runs energy communities");
    }
    const taken = await db.prisma.community.findUnique({
      where: { tenantId_key: { tenantId: organizationId, key: input.key } },
    });
    if (taken) throw new ConflictError(`the organization already has a community with the key ${input.key}`);
    const community = await db.prisma.community.create({
      data: {
        tenantId: organizationId,
        key: input.key,
        name: input.name,
        description: input.description ?? null,
        areas: input.areas as Prisma.InputJsonValue,
        topology: input.topology as Prisma.InputJsonValue,
        legal: input.legal,
        links: input.links,
        contact: input.contact,
        settings: input.settings,
        extra: input.extra as Prisma.InputJsonValue,
      },
    });
    await recordAudit(db.prisma, {
      tenantId: organizationId,
      actorId: operator.userId,
      action: "community.created",
      subjectType: "community",
      subjectId: community.id,
    });
    return c.json(await toCommunity(db, community, "OPERATOR"), 201);
  });

  app.openapi(r.list, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const member = await getTenantMember(c, services, organizationId, "read");
    const rows = await db.prisma.community.findMany({
      where: { tenantId: organizationId, deletedAt: null, ...afterCursor(decodeCursor(cursor)) },
      orderBy: pageOrder,
      take: limit + 1,
    });
    const page = toPage(rows, limit);
    const canWrite = member.role !== "VIEWER";
    const items = await Promise.all(
      page.items.map(async (community) => ({
        ...(await toCommunity(db, community, "OPERATOR")),
        you: { access: "OPERATOR" as const, canWrite, canAdminister: member.role === "ADMIN", memberId: null },
      })),
    );
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  });

  app.openapi(r.get, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "read");
    const community = await db.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    return c.json(await toCommunity(db, community, actor), 200);
  });

  app.openapi(r.update, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    requireOperator(actor);
    const community = await db.prisma.$transaction(async (tx) => {
      const current = await lockCommunity(tx, organizationId, communityId);
      if (input.topology) {
        const { ids } = listTopologyNodeIds(input.topology);
        const orphans = readAreas(current.areas).flatMap((area) => area.topology.filter((node) => !ids.has(node)));
        if (orphans.length > 0) {
          throw new ValidationError("areas still name nodes the new topology drops", [
            { path: "topology", message: `areas name ${[...new Set(orphans)].join(", ")}` },
          ]);
        }
      }
      return tx.community.update({
        where: { id: communityId },
        data: {
          name: input.name,
          description: input.description,
          topology: input.topology as Prisma.InputJsonValue | undefined,
          legal: mergeJsonObject(current.legal, input.legal) as Prisma.InputJsonValue,
          links: mergeJsonObject(current.links, input.links) as Prisma.InputJsonValue,
          contact: mergeJsonObject(current.contact, input.contact) as Prisma.InputJsonValue,
          settings: mergeJsonObject(current.settings, input.settings) as Prisma.InputJsonValue,
          extra: mergeJsonObject(current.extra, input.extra) as Prisma.InputJsonValue,
        },
      });
    });
    return c.json(await toCommunity(db, community, actor), 200);
  });

  app.openapi(r.remove, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "administer");
    await db.prisma.community.update({ where: { id: communityId }, data: { deletedAt: new Date() } });
    await recordAudit(db.prisma, {
      tenantId: organizationId,
      actorId: actor.userId,
      action: "community.deleted",
      subjectType: "community",
      subjectId: communityId,
    });
    return c.body(null, 204);
  });

  app.openapi(r.purge, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    // A deleted community is no longer reachable as a community actor: only the organization's admins purge.
    const admin = await getTenantMember(c, services, organizationId, "admin");
    const community = await db.prisma.community.findFirst({ where: { id: communityId, tenantId: organizationId } });
    if (!community) throw new NotFoundError("community");
    if (!community.deletedAt) throw new ConflictError("delete the community before purging it");
    // Readings and the balance have no foreign keys (they would slow every ingest): delete them here.
    await db.prisma.$transaction([
      db.prisma.meterReading.deleteMany({ where: { communityId } }),
      db.prisma.energyBalanceHour.deleteMany({ where: { communityId } }),
      db.prisma.community.delete({ where: { id: communityId } }),
    ]);
    await recordAudit(db.prisma, {
      tenantId: organizationId,
      actorId: admin.userId,
      action: "community.purged",
      subjectType: "community",
      subjectId: communityId,
    });
    return c.body(null, 204);
  });

  app.openapi(r.putArea, async (c) => {
    const { organizationId, communityId, areaKey } = c.req.valid("param");
    const input = c.req.valid("json");
    requireOperator(await getCommunityActor(c, services, organizationId, communityId, "write"));
    const area: Area = { ...input, key: areaKey };
    await db.prisma.$transaction(async (tx) => {
      const community = await lockCommunity(tx, organizationId, communityId);
      checkAreaTopology(area, community);
      const areas = readAreas(community.areas);
      const index = areas.findIndex((existing) => existing.key === areaKey);
      if (index >= 0) areas[index] = area;
      else areas.push(area);
      if (areas.length > 200) throw new ConflictError("a community has at most 200 areas");
      await tx.community.update({ where: { id: communityId }, data: { areas: areas as Prisma.InputJsonValue } });
    });
    return c.json(area, 200);
  });

  app.openapi(r.patchArea, async (c) => {
    const { organizationId, communityId, areaKey } = c.req.valid("param");
    const input = c.req.valid("json");
    requireOperator(await getCommunityActor(c, services, organizationId, communityId, "write"));
    const area = await db.prisma.$transaction(async (tx) => {
      const community = await lockCommunity(tx, organizationId, communityId);
      const areas = readAreas(community.areas);
      const index = areas.findIndex((existing) => existing.key === areaKey);
      const current = areas[index];
      if (!current) throw new NotFoundError("area");
      const changed: Area = {
        key: input.key ?? current.key,
        name: input.name ?? current.name,
        topology: input.topology ?? current.topology,
        location: input.location === undefined ? current.location : input.location,
        boundary: input.boundary === undefined ? current.boundary : input.boundary,
      };
      if (changed.key !== areaKey && areas.some((existing) => existing.key === changed.key)) {
        throw new ConflictError(`the community already has an area ${changed.key}`);
      }
      checkAreaTopology(changed, community);
      areas[index] = changed;
      await tx.community.update({ where: { id: communityId }, data: { areas: areas as Prisma.InputJsonValue } });
      if (changed.key !== areaKey) {
        await tx.communityMember.updateMany({ where: { communityId, area: areaKey }, data: { area: changed.key } });
        // The balance's hours move with the area (adding to any left by an earlier area of the new key).
        await tx.$executeRaw`insert into app.energy_balance_hour
            (community_id, area, hour, tenant_id, production_wh, fed_in_wh, drawn_wh, readings)
          select community_id, ${changed.key}, hour, tenant_id, production_wh, fed_in_wh, drawn_wh, readings
            from app.energy_balance_hour where community_id = ${communityId}::uuid and area = ${areaKey}
          on conflict (community_id, area, hour) do update set
            production_wh = energy_balance_hour.production_wh + excluded.production_wh,
            fed_in_wh = energy_balance_hour.fed_in_wh + excluded.fed_in_wh,
            drawn_wh = energy_balance_hour.drawn_wh + excluded.drawn_wh,
            readings = energy_balance_hour.readings + excluded.readings`;
        await tx.$executeRaw`delete from app.energy_balance_hour
          where community_id = ${communityId}::uuid and area = ${areaKey}`;
      }
      return changed;
    });
    return c.json(area, 200);
  });

  app.openapi(r.deleteArea, async (c) => {
    const { organizationId, communityId, areaKey } = c.req.valid("param");
    requireOperator(await getCommunityActor(c, services, organizationId, communityId, "write"));
    await db.prisma.$transaction(async (tx) => {
      const community = await lockCommunity(tx, organizationId, communityId);
      const areas = readAreas(community.areas);
      if (!areas.some((area) => area.key === areaKey)) throw new NotFoundError("area");
      const members = await tx.communityMember.count({ where: { communityId, area: areaKey, deletedAt: null } });
      if (members > 0)
        throw new ConflictError(`${members} member(s) are still in the area ${areaKey}; move them first`);
      await tx.community.update({
        where: { id: communityId },
        data: { areas: areas.filter((area) => area.key !== areaKey) as Prisma.InputJsonValue },
      });
    });
    return c.body(null, 204);
  });

  return app;
}
