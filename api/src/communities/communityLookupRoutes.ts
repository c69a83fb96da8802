import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { normaliseDeliveryPointId } from "./DeliveryPointId.ts";

const MAX_PER_KIND = 100;

const LookupSchema = z
  .object({
    users: z
      .array(
        z
          .string()
          .regex(/^0x[0-9a-fA-F]{40}$/)
          .transform((value) => value.toLowerCase()),
      )
      .max(MAX_PER_KIND)
      .default([]),
    sensors: z.array(z.string().trim().min(1).max(100)).max(MAX_PER_KIND).default([]),
    deliveryPoints: z.array(z.string().max(40).transform(normaliseDeliveryPointId)).max(MAX_PER_KIND).default([]),
  })
  .openapi("CommunityLookup", {
    example: {
      users: ["0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f"],
      sensors: ["SENS-10000001"],
      deliveryPoints: ["IT001E10000001"],
    },
  });

const HitSchema = z.object({
  value: z.string(),
  communityId: z.string().uuid(),
  memberId: z.string().uuid(),
  memberKey: z.string(),
  assetId: z.string().uuid().nullable(),
});

const LookupResultSchema = z
  .object({ users: z.array(HitSchema), sensors: z.array(HitSchema), deliveryPoints: z.array(HitSchema) })
  .openapi("CommunityLookupResult");

const route = createRoute({
  method: "post",
  path: "/organizations/{organizationId}/community-lookups",
  tags: ["energy communities"],
  summary: `Who holds these wallets, sensor ids and delivery points in the organization's communities (up to ${MAX_PER_KIND} of each); what is not found is left out, wherever else it may be`,
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema, body: jsonBody(LookupSchema) },
  responses: { 200: jsonResponse(LookupResultSchema, "The hits"), ...problemResponses(401, 403, 422) },
});

/**
 * Batched lookups for operators. Only live rows of live communities of the organization in the
 * path answer, so a lookup tells nothing about other tenants: no enumeration oracle.
 */
export function communityLookupRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(route, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getTenantMember(c, services, organizationId, "read");
    const live = { tenantId: organizationId, deletedAt: null, community: { deletedAt: null } };
    const [members, assets, points] = await Promise.all([
      db.prisma.communityMember.findMany({
        where: { ...live, user: { address: { in: input.users } } },
        include: { user: { select: { address: true } } },
      }),
      db.prisma.energyAsset.findMany({
        where: { ...live, sensorId: { in: input.sensors } },
        include: { owner: { select: { key: true } } },
      }),
      db.prisma.deliveryPoint.findMany({
        where: { ...live, code: { in: input.deliveryPoints }, active: true },
        include: { member: { select: { key: true } } },
      }),
    ]);
    return c.json(
      {
        users: members.map((member) => ({
          value: member.user?.address ?? "",
          communityId: member.communityId,
          memberId: member.id,
          memberKey: member.key,
          assetId: null,
        })),
        sensors: assets.map((asset) => ({
          value: asset.sensorId ?? "",
          communityId: asset.communityId,
          memberId: asset.ownerId,
          memberKey: asset.owner.key,
          assetId: asset.id,
        })),
        deliveryPoints: points.map((point) => ({
          value: point.code,
          communityId: point.communityId,
          memberId: point.memberId,
          memberKey: point.member.key,
          assetId: null,
        })),
      },
      200,
    );
  });

  return app;
}
