import { createRoute, z } from "@hono/zod-openapi";
import type { DeliveryPoint, Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { ConflictError, NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getCommunityActor } from "./CommunityActor.ts";
import { mergeJsonObject, readJsonObject } from "./CommunityJson.ts";
import { CommunityMemberParamsSchema } from "./CommunitySchemas.ts";
import { getCommunityMember } from "./communityMemberRoutes.ts";
import { findDeliveryPointScheme } from "./DeliveryPointId.ts";
import {
  CreateDeliveryPointSchema,
  DeliveryPointParamsSchema,
  DeliveryPointSchema,
  UpdateDeliveryPointSchema,
} from "./DeliveryPointSchemas.ts";
import { isUniqueViolation } from "./isUniqueViolation.ts";

const tags = ["energy communities"];
const base = "/organizations/{organizationId}/communities/{communityId}/members/{memberId}/delivery-points";
const r = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "A member's delivery points (operators, or the member themself)",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(DeliveryPointSchema) }), "Delivery points"),
      ...problemResponses(401, 403, 404, 422),
    },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Add a delivery point; an active one has one holder across the platform (409 otherwise)",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema, body: jsonBody(CreateDeliveryPointSchema) },
    responses: {
      201: jsonResponse(DeliveryPointSchema, "The delivery point"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{deliveryPointId}`,
    tags,
    summary: "Change what the request names of one delivery point",
    security: SESSION_SECURITY,
    request: { params: DeliveryPointParamsSchema, body: jsonBody(UpdateDeliveryPointSchema) },
    responses: {
      200: jsonResponse(DeliveryPointSchema, "The delivery point"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  remove: createRoute({
    method: "delete",
    path: `${base}/{deliveryPointId}`,
    tags,
    summary: "Soft-delete one delivery point; its identifier is free for another holder",
    security: SESSION_SECURITY,
    request: { params: DeliveryPointParamsSchema },
    responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 422) },
  }),
};

export function toDeliveryPoint(point: DeliveryPoint) {
  return {
    id: point.id,
    memberId: point.memberId,
    code: point.code,
    scheme: findDeliveryPointScheme(point.code) ?? "IT_POD",
    type: point.type,
    description: point.description,
    address: readJsonObject(point.address),
    tariff: point.tariff,
    active: point.active,
    createdAt: point.createdAt.toISOString(),
    updatedAt: point.updatedAt.toISOString(),
  };
}

const HELD_ELSEWHERE = "the delivery point already has an active holder";

export function deliveryPointRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function getDeliveryPoint(memberId: string, deliveryPointId: string) {
    const point = await db.prisma.deliveryPoint.findFirst({
      where: { id: deliveryPointId, memberId, deletedAt: null },
    });
    if (!point) throw new NotFoundError("delivery point");
    return point;
  }

  app.openapi(r.list, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "read");
    await getCommunityMember(db, actor, memberId);
    const points = await db.prisma.deliveryPoint.findMany({
      where: { memberId, deletedAt: null },
      orderBy: { createdAt: "asc" },
      take: 1000,
    });
    return c.json({ items: points.map(toDeliveryPoint) }, 200);
  });

  app.openapi(r.create, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    await getCommunityMember(db, actor, memberId);
    try {
      const point = await db.prisma.deliveryPoint.create({
        data: {
          tenantId: organizationId,
          communityId,
          memberId,
          code: input.code,
          type: input.type,
          description: input.description ?? null,
          address: (input.address ?? {}) as Prisma.InputJsonValue,
          tariff: input.tariff ?? null,
          active: input.active,
        },
      });
      return c.json(toDeliveryPoint(point), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(HELD_ELSEWHERE);
      throw error;
    }
  });

  app.openapi(r.update, async (c) => {
    const { organizationId, communityId, memberId, deliveryPointId } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    await getCommunityMember(db, actor, memberId);
    const point = await getDeliveryPoint(memberId, deliveryPointId);
    const address = mergeJsonObject(point.address, input.address);
    try {
      const updated = await db.prisma.deliveryPoint.update({
        where: { id: deliveryPointId },
        data: {
          type: input.type,
          description: input.description,
          address: address as Prisma.InputJsonValue,
          tariff: input.tariff,
          active: input.active,
        },
      });
      return c.json(toDeliveryPoint(updated), 200);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(HELD_ELSEWHERE);
      throw error;
    }
  });

  app.openapi(r.remove, async (c) => {
    const { organizationId, communityId, memberId, deliveryPointId } = c.req.valid("param");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "write");
    await getCommunityMember(db, actor, memberId);
    await getDeliveryPoint(memberId, deliveryPointId);
    await db.prisma.deliveryPoint.update({ where: { id: deliveryPointId }, data: { deletedAt: new Date() } });
    return c.body(null, 204);
  });

  return app;
}
