import { createRoute } from "@hono/zod-openapi";
import type { EnergyAsset, EnergyAssetType, Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import type { Database } from "../database/Database.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { afterCursor, decodeCursor, PageQuerySchema, pageOrder, pageSchema, toPage } from "../http/CursorPage.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { findPassportDisclosure } from "../passport-versions/findPassportDisclosure.ts";
import { type CommunityActor, getCommunityActor, requireOperatorOrSelf } from "./CommunityActor.ts";
import { mergeJsonObject, readJsonObject } from "./CommunityJson.ts";
import { CommunityParamsSchema } from "./CommunitySchemas.ts";
import {
  ASSET_PROPERTIES,
  CreateEnergyAssetSchema,
  EnergyAssetParamsSchema,
  EnergyAssetSchema,
  EnergyAssetTypeSchema,
  UpdateEnergyAssetSchema,
} from "./EnergyAssetSchemas.ts";
import { isUniqueViolation } from "./isUniqueViolation.ts";

const AssetListQuerySchema = PageQuerySchema.extend({
  type: EnergyAssetTypeSchema.optional(),
  ownerMemberId: CommunityParamsSchema.shape.communityId.optional(),
});

const tags = ["energy communities"];
const base = "/organizations/{organizationId}/communities/{communityId}/assets";
const r = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "The community's energy assets, by type or owner (operators); a member sees their own",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema, query: AssetListQuerySchema },
    responses: {
      200: jsonResponse(pageSchema(EnergyAssetSchema, "EnergyAssetPage"), "A page"),
      ...problemResponses(401, 403, 404, 422),
    },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Register a typed asset of a member (operators for anyone, a member for themself)",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema, body: jsonBody(CreateEnergyAssetSchema) },
    responses: { 201: jsonResponse(EnergyAssetSchema, "The asset"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{assetId}`,
    tags,
    summary: "One asset; a storage asset shows its battery passport's state of health and anchoring",
    security: SESSION_SECURITY,
    request: { params: EnergyAssetParamsSchema },
    responses: { 200: jsonResponse(EnergyAssetSchema, "The asset"), ...problemResponses(401, 403, 404, 422) },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{assetId}`,
    tags,
    summary: "Change what the request names; properties are merged and checked against the asset's type",
    security: SESSION_SECURITY,
    request: { params: EnergyAssetParamsSchema, body: jsonBody(UpdateEnergyAssetSchema) },
    responses: { 200: jsonResponse(EnergyAssetSchema, "The asset"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  remove: createRoute({
    method: "delete",
    path: `${base}/{assetId}`,
    tags,
    summary: "Soft-delete an asset; its sensor id is free for another",
    security: SESSION_SECURITY,
    request: { params: EnergyAssetParamsSchema },
    responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 422) },
  }),
};

type AssetRow = EnergyAsset & { passport: { publicId: string } | null };

async function findLinkedPassport(db: Database, publicId: string) {
  const disclosure = await findPassportDisclosure(db, publicId, "PUBLIC");
  const reading = await db.sql
    .selectFrom("reading")
    .innerJoin("passport", "passport.id", "reading.passport_id")
    .select(["reading.state_of_health_pct", "reading.measured_at"])
    .where("passport.public_id", "=", publicId)
    .where("reading.state_of_health_pct", "is not", null)
    .orderBy("reading.measured_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    publicId,
    stateOfHealthPct: reading?.state_of_health_pct == null ? null : Number(reading.state_of_health_pct),
    stateOfHealthAt: reading ? new Date(reading.measured_at).toISOString() : null,
    verification: disclosure?.status ?? ("not_anchored" as const),
  };
}

export async function toEnergyAsset(db: Database, asset: AssetRow, withPassport: boolean) {
  return {
    id: asset.id,
    communityId: asset.communityId,
    key: asset.key,
    type: asset.type,
    name: asset.name,
    ownerMemberId: asset.ownerId,
    sensorId: asset.sensorId,
    properties: readJsonObject(asset.properties),
    device: readJsonObject(asset.device),
    relationships: readJsonObject(asset.relationships),
    extra: readJsonObject(asset.extra),
    passport: withPassport && asset.passport ? await findLinkedPassport(db, asset.passport.publicId) : null,
    createdAt: asset.createdAt.toISOString(),
    updatedAt: asset.updatedAt.toISOString(),
  };
}

const withPassport = { passport: { select: { publicId: true } } } as const;

/**
 * The rules that span rows: the owner is a live member the actor may act for; only meters measure,
 * and what they measure and what an asset pairs with are live assets of the community; a meter
 * sits at one of its owner's active delivery points; only storage links a passport, which exists.
 */
async function checkAssetLinks(
  db: Database,
  actor: CommunityActor,
  asset: {
    key: string;
    type: EnergyAssetType;
    ownerId: string;
    properties: Record<string, unknown>;
    relationships: { measures?: string[]; pairedWith?: string | null };
    passportPublicId?: string | null;
  },
): Promise<string | null | undefined> {
  const owner = await db.prisma.communityMember.findFirst({
    where: { id: asset.ownerId, communityId: actor.communityId, deletedAt: null },
  });
  if (!owner)
    throw new ValidationError("the owner is not a member of the community", [
      { path: "ownerMemberId", message: "no such member" },
    ]);
  requireOperatorOrSelf(actor, owner.id);
  const problems: Array<{ path: string; message: string }> = [];
  const measures = asset.relationships.measures ?? [];
  if (measures.length > 0 && asset.type !== "METER") {
    problems.push({ path: "relationships.measures", message: "only a meter measures other assets" });
  }
  const named = [...measures, ...(asset.relationships.pairedWith ? [asset.relationships.pairedWith] : [])];
  if (named.includes(asset.key)) problems.push({ path: "relationships", message: "an asset cannot name itself" });
  const found = await db.prisma.energyAsset.findMany({
    where: { communityId: actor.communityId, key: { in: named }, deletedAt: null },
    select: { key: true },
  });
  const missing = named.filter((key) => key !== asset.key && !found.some((row) => row.key === key));
  if (missing.length > 0) problems.push({ path: "relationships", message: `no asset ${missing.join(", ")}` });
  if (asset.type === "METER") {
    const point = await db.prisma.deliveryPoint.findFirst({
      where: { memberId: owner.id, code: String(asset.properties.pod), active: true, deletedAt: null },
    });
    if (!point) problems.push({ path: "properties.pod", message: "not an active delivery point of the owner" });
  }
  let passportId: string | null | undefined;
  if (asset.passportPublicId !== undefined) {
    if (asset.passportPublicId !== null && asset.type !== "STORAGE") {
      problems.push({ path: "passportPublicId", message: "only a storage asset links a battery passport" });
    } else if (asset.passportPublicId !== null) {
      const passport = await db.prisma.passport.findUnique({ where: { publicId: asset.passportPublicId } });
      if (!passport) problems.push({ path: "passportPublicId", message: "no passport with this public id" });
      passportId = passport?.id;
    } else passportId = null;
  }
  if (problems.length > 0) throw new ValidationError("the asset does not fit the community", problems);
  return passportId;
}

export function energyAssetRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function getAsset(actor: CommunityActor, assetId: string): Promise<AssetRow> {
    const asset = await db.prisma.energyAsset.findFirst({
      where: { id: assetId, communityId: actor.communityId, tenantId: actor.organizationId, deletedAt: null },
      include: withPassport,
    });
    if (!asset) throw new NotFoundError("asset");
    requireOperatorOrSelf(actor, asset.ownerId);
    return asset;
  }

  app.openapi(r.list, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const { limit, cursor, type, ownerMemberId } = c.req.valid("query");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "read");
    const rows = await db.prisma.energyAsset.findMany({
      where: {
        communityId,
        tenantId: organizationId,
        deletedAt: null,
        ...(actor.access === "MEMBER" ? { ownerId: actor.memberId ?? "" } : {}),
        ...(ownerMemberId ? { ownerId: ownerMemberId } : {}),
        ...(type ? { type } : {}),
        ...afterCursor(decodeCursor(cursor)),
      },
      include: withPassport,
      orderBy: pageOrder,
      take: limit + 1,
    });
    const page = toPage(rows, limit);
    const items = await Promise.all(page.items.map((asset) => toEnergyAsset(db, asset, false)));
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  });

  app.openapi(r.create, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    const passportPublicId = "passportPublicId" in input ? input.passportPublicId : undefined;
    const passportId = await checkAssetLinks(db, actor, {
      key: input.key,
      type: input.type,
      ownerId: input.ownerMemberId,
      properties: input.properties,
      relationships: input.relationships,
      passportPublicId,
    });
    try {
      const asset = await db.prisma.energyAsset.create({
        data: {
          tenantId: organizationId,
          communityId,
          ownerId: input.ownerMemberId,
          key: input.key,
          type: input.type,
          name: input.name,
          sensorId: input.sensorId ?? null,
          properties: input.properties,
          device: input.device,
          relationships: input.relationships as Prisma.InputJsonValue,
          extra: input.extra as Prisma.InputJsonValue,
          passportId: passportId ?? null,
        },
        include: withPassport,
      });
      return c.json(await toEnergyAsset(db, asset, true), 201);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError("the community has an asset with this key, or the sensor id has a live holder");
      }
      throw error;
    }
  });

  app.openapi(r.get, async (c) => {
    const { organizationId, communityId, assetId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "read");
    return c.json(await toEnergyAsset(db, await getAsset(actor, assetId), true), 200);
  });

  app.openapi(r.update, async (c) => {
    const { organizationId, communityId, assetId } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    const asset = await getAsset(actor, assetId);
    const properties = mergeJsonObject(asset.properties, input.properties);
    const checked = ASSET_PROPERTIES[asset.type].safeParse(properties);
    if (!checked.success) {
      throw new ValidationError(
        `the properties do not fit a ${asset.type} asset`,
        checked.error.issues.map((issue) => ({
          path: ["properties", ...issue.path].join("."),
          message: issue.message,
        })),
      );
    }
    const device = mergeJsonObject(asset.device, input.device);
    const relationships = input.relationships ?? readJsonObject(asset.relationships);
    const passportId = await checkAssetLinks(db, actor, {
      key: asset.key,
      type: asset.type,
      ownerId: asset.ownerId,
      properties: checked.data,
      relationships,
      passportPublicId: input.passportPublicId,
    });
    const extra = mergeJsonObject(asset.extra, input.extra);
    try {
      const updated = await db.prisma.energyAsset.update({
        where: { id: assetId },
        data: {
          name: input.name,
          sensorId: input.sensorId,
          properties: checked.data,
          device: device as Prisma.InputJsonValue,
          relationships: relationships as Prisma.InputJsonValue,
          extra: extra as Prisma.InputJsonValue,
          passportId,
        },
        include: withPassport,
      });
      return c.json(await toEnergyAsset(db, updated, true), 200);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError("the sensor id has a live holder");
      throw error;
    }
  });

  app.openapi(r.remove, async (c) => {
    const { organizationId, communityId, assetId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    const asset = await getAsset(actor, assetId);
    if (actor.access === "MEMBER" && asset.ownerId !== actor.memberId) throw new ForbiddenError("not your asset");
    await db.prisma.energyAsset.update({ where: { id: assetId }, data: { deletedAt: new Date() } });
    return c.body(null, 204);
  });

  return app;
}
