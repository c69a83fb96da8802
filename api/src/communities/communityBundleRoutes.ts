import { createRoute, z } from "@hono/zod-openapi";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import type { Database } from "../database/Database.ts";
import { ApiError, BadRequestError, ConflictError, ValidationError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { PostalAddressSchema } from "../organizations/OrganizationSchemas.ts";
import { getCommunityActor, requireOperator } from "./CommunityActor.ts";
import {
  BUNDLE_SCHEMA,
  type BundleChanges,
  BundleChangesSchema,
  type CommunityBundle,
  CommunityBundleSchema,
} from "./CommunityBundle.ts";
import { readAreas, readJsonObject, readTopology } from "./CommunityJson.ts";
import { CommunityParamsSchema } from "./CommunitySchemas.ts";
import { isUniqueViolation } from "./isUniqueViolation.ts";

const tags = ["energy communities"];
const path = "/organizations/{organizationId}/communities/{communityId}/bundle";
const r = {
  export: createRoute({
    method: "get",
    path,
    tags,
    summary: "The whole community as one a360.community.v1 document, JSON or YAML (operators)",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema, query: z.object({ format: z.enum(["json", "yaml"]).default("json") }) },
    responses: {
      200: {
        description: "The bundle",
        content: { "application/json": { schema: CommunityBundleSchema }, "application/yaml": { schema: z.string() } },
      },
      ...problemResponses(401, 403, 404, 422),
    },
  }),
  import: createRoute({
    method: "post",
    path,
    tags,
    summary:
      "Make the community what a bundle says, all or nothing; dryRun reports the changes only; members, delivery points and assets the bundle omits are deleted only with force (admins)",
    security: SESSION_SECURITY,
    request: {
      params: CommunityParamsSchema,
      query: z.object({
        dryRun: z.enum(["true", "false"]).default("false"),
        force: z.enum(["true", "false"]).default("false"),
      }),
      body: {
        content: { "application/json": { schema: CommunityBundleSchema }, "application/yaml": { schema: z.string() } },
        // Not `required`: the router then checks the JSON schema only for JSON bodies, and a YAML body
        // reaches the handler, which parses either and checks it against the same schema.
        required: false,
      },
    },
    responses: {
      200: jsonResponse(BundleChangesSchema, "The changes"),
      ...problemResponses(400, 401, 403, 404, 409, 422),
    },
  }),
};

async function exportBundle(db: Database, communityId: string): Promise<CommunityBundle> {
  const community = await db.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
  const members = await db.prisma.communityMember.findMany({
    where: { communityId, deletedAt: null },
    include: {
      user: { select: { address: true } },
      deliveryPoints: { where: { deletedAt: null }, orderBy: { code: "asc" } },
    },
    orderBy: { key: "asc" },
  });
  const assets = await db.prisma.energyAsset.findMany({
    where: { communityId, deletedAt: null },
    include: { owner: { select: { key: true } }, passport: { select: { publicId: true } } },
    orderBy: { key: "asc" },
  });
  return {
    schema: BUNDLE_SCHEMA,
    community: {
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
    },
    members: members.map((member) => ({
      key: member.key,
      name: member.name,
      role: member.role,
      area: member.area,
      status: member.status,
      address: member.user?.address ?? null,
      externalUserId: member.externalUserId,
      extra: readJsonObject(member.extra),
      deliveryPoints: member.deliveryPoints.map((point) => ({
        code: point.code,
        type: point.type,
        description: point.description,
        address: PostalAddressSchema.parse(readJsonObject(point.address)),
        tariff: point.tariff,
        active: point.active,
      })),
    })),
    assets: assets.map((asset) => ({
      key: asset.key,
      type: asset.type,
      name: asset.name,
      owner: asset.owner.key,
      sensorId: asset.sensorId,
      properties: readJsonObject(asset.properties),
      device: readJsonObject(asset.device),
      relationships: readJsonObject(asset.relationships),
      extra: readJsonObject(asset.extra),
      passportPublicId: asset.passport?.publicId ?? null,
    })),
  };
}

/**
 * Applies a checked bundle in one transaction and returns what changed. Rows the bundle omits are
 * soft-deleted, and only with `force`: without it the import is refused (409) naming them.
 */
async function importBundle(
  db: Database,
  params: { organizationId: string; communityId: string; bundle: CommunityBundle; dryRun: boolean; force: boolean },
): Promise<BundleChanges> {
  const { organizationId: tenantId, communityId, bundle } = params;
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`select id from app.community where id = ${communityId}::uuid for update`;
      const liveMembers = await tx.communityMember.findMany({
        where: { communityId, deletedAt: null },
        include: { deliveryPoints: { where: { deletedAt: null } } },
      });
      const liveAssets = await tx.energyAsset.findMany({ where: { communityId, deletedAt: null } });
      const memberKeys = new Set(bundle.members.map((member) => member.key));
      const assetKeys = new Set(bundle.assets.map((asset) => asset.key));
      const pointKeys = new Set(
        bundle.members.flatMap((member) => member.deliveryPoints.map((point) => `${member.key}/${point.code}`)),
      );
      const livePoints = liveMembers.flatMap((member) =>
        member.deliveryPoints.map((point) => ({ ...point, memberKey: member.key })),
      );
      const changes: BundleChanges = {
        dryRun: params.dryRun,
        members: {
          create: bundle.members
            .filter((member) => !liveMembers.some((live) => live.key === member.key))
            .map((member) => member.key),
          update: bundle.members
            .filter((member) => liveMembers.some((live) => live.key === member.key))
            .map((member) => member.key),
          delete: liveMembers.filter((live) => !memberKeys.has(live.key)).map((live) => live.key),
        },
        deliveryPoints: {
          create: [...pointKeys].filter(
            (key) => !livePoints.some((point) => `${point.memberKey}/${point.code}` === key),
          ),
          update: [...pointKeys].filter((key) =>
            livePoints.some((point) => `${point.memberKey}/${point.code}` === key),
          ),
          delete: livePoints
            .filter((point) => !pointKeys.has(`${point.memberKey}/${point.code}`))
            .map((point) => `${point.memberKey}/${point.code}`),
        },
        assets: {
          create: bundle.assets
            .filter((asset) => !liveAssets.some((live) => live.key === asset.key))
            .map((asset) => asset.key),
          update: bundle.assets
            .filter((asset) => liveAssets.some((live) => live.key === asset.key))
            .map((asset) => asset.key),
          delete: liveAssets.filter((live) => !assetKeys.has(live.key)).map((live) => live.key),
        },
      };
      const deletions = [
        ...changes.members.delete.map((key) => `member ${key}`),
        ...changes.deliveryPoints.delete.map((key) => `delivery point ${key}`),
        ...changes.assets.delete.map((key) => `asset ${key}`),
      ];
      if (deletions.length > 0 && !params.force && !params.dryRun) {
        throw new ApiError(
          "conflict",
          409,
          `the bundle omits rows the community has; send force=true to delete: ${deletions.slice(0, 20).join(", ")}`,
          {
            details: deletions.map((what) => ({ path: "bundle", message: `would delete ${what}` })),
          },
        );
      }
      const publicIds = bundle.assets.flatMap((asset) => (asset.passportPublicId ? [asset.passportPublicId] : []));
      const passports = await tx.passport.findMany({
        where: { publicId: { in: publicIds } },
        select: { id: true, publicId: true },
      });
      const unknown = publicIds.filter((publicId) => !passports.some((passport) => passport.publicId === publicId));
      if (unknown.length > 0)
        throw new ValidationError(
          "the bundle names passports that do not exist",
          unknown.map((publicId) => ({ path: "assets", message: `no passport ${publicId}` })),
        );
      if (params.dryRun) return changes;

      const { community } = bundle;
      const highest = Math.max(0, ...bundle.members.map((member) => Number(member.key.slice(2))));
      await tx.community.update({
        where: { id: communityId },
        data: {
          name: community.name,
          description: community.description ?? null,
          areas: community.areas as Prisma.InputJsonValue,
          topology: community.topology as Prisma.InputJsonValue,
          legal: community.legal,
          links: community.links,
          contact: community.contact,
          settings: community.settings,
          extra: community.extra as Prisma.InputJsonValue,
        },
      });
      await tx.$executeRaw`update app.community set minted_members = greatest(minted_members, ${highest}) where id = ${communityId}::uuid`;
      const now = new Date();
      await tx.communityMember.updateMany({
        where: { communityId, deletedAt: null, key: { in: changes.members.delete } },
        data: { deletedAt: now },
      });
      await tx.energyAsset.updateMany({
        where: { communityId, deletedAt: null, key: { in: changes.assets.delete } },
        data: { deletedAt: now },
      });
      const memberIds = new Map<string, string>();
      for (const member of bundle.members) {
        const user = member.address
          ? await tx.user.upsert({
              where: { address: member.address },
              create: { address: member.address },
              update: {},
            })
          : undefined;
        const fields = {
          name: member.name,
          role: member.role,
          area: member.area ?? null,
          status: member.status,
          userId: user?.id ?? null,
          externalUserId: member.externalUserId ?? null,
          extra: member.extra as Prisma.InputJsonValue,
          deletedAt: null,
        };
        const row = await tx.communityMember.upsert({
          where: { communityId_key: { communityId, key: member.key } },
          create: { tenantId, communityId, key: member.key, ...fields },
          update: fields,
        });
        memberIds.set(member.key, row.id);
        const codes = member.deliveryPoints.map((point) => point.code);
        await tx.deliveryPoint.updateMany({
          where: { memberId: row.id, deletedAt: null, code: { notIn: codes } },
          data: { deletedAt: now },
        });
        for (const point of member.deliveryPoints) {
          const data = {
            type: point.type,
            description: point.description ?? null,
            address: (point.address ?? {}) as Prisma.InputJsonValue,
            tariff: point.tariff ?? null,
            active: point.active,
          };
          const live = await tx.deliveryPoint.findFirst({
            where: { memberId: row.id, code: point.code, deletedAt: null },
          });
          if (live) await tx.deliveryPoint.update({ where: { id: live.id }, data });
          else
            await tx.deliveryPoint.create({
              data: { ...data, tenantId, communityId, memberId: row.id, code: point.code },
            });
        }
      }
      for (const asset of bundle.assets) {
        const fields = {
          type: asset.type,
          name: asset.name,
          ownerId: memberIds.get(asset.owner)!,
          sensorId: asset.sensorId ?? null,
          properties: asset.properties as Prisma.InputJsonValue,
          device: asset.device,
          relationships: asset.relationships as Prisma.InputJsonValue,
          extra: asset.extra as Prisma.InputJsonValue,
          passportId: passports.find((passport) => passport.publicId === asset.passportPublicId)?.id ?? null,
          deletedAt: null,
        };
        await tx.energyAsset.upsert({
          where: { communityId_key: { communityId, key: asset.key } },
          create: { tenantId, communityId, key: asset.key, ...fields },
          update: fields,
        });
      }
      return changes;
    },
    { timeout: 60_000 },
  );
}

export function communityBundleRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(r.export, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const { format } = c.req.valid("query");
    requireOperator(await getCommunityActor(c, services, organizationId, communityId, "read"));
    const bundle = await exportBundle(db, communityId);
    if (format === "yaml") return c.body(stringifyYaml(bundle), 200, { "content-type": "application/yaml" });
    return c.json(bundle, 200);
  });

  app.openapi(r.import, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const query = c.req.valid("query");
    await getCommunityActor(c, services, organizationId, communityId, "administer");
    const text = await c.req.text();
    let document: unknown;
    try {
      document = (c.req.header("content-type") ?? "").includes("yaml")
        ? parseYaml(text, { maxAliasCount: 100 })
        : JSON.parse(text);
    } catch {
      throw new BadRequestError("the bundle is not well-formed JSON or YAML");
    }
    const parsed = CommunityBundleSchema.safeParse(document);
    if (!parsed.success) {
      throw new ValidationError(
        "the bundle does not match a360.community.v1",
        parsed.error.issues.slice(0, 100).map((issue) => ({ path: issue.path.join("."), message: issue.message })),
      );
    }
    try {
      const changes = await importBundle(db, {
        organizationId,
        communityId,
        bundle: parsed.data,
        dryRun: query.dryRun === "true",
        force: query.force === "true",
      });
      return c.json(changes, 200);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError("a delivery point or sensor id in the bundle has a live holder elsewhere");
      throw error;
    }
  });

  return app;
}
