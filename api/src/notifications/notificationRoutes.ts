import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { getSession } from "../auth/loadSession.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";

const NotificationSchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().uuid(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("Notification");

const WebhookInputSchema = z
  .object({
    url: z.string().url().max(2000),
    kinds: z.array(z.string().min(1).max(60)).max(50).default([]),
  })
  .openapi("WebhookEndpointInput", {
    example: { url: "https://example.org/a360-webhooks", kinds: ["work_order.completed"] },
  });

const WebhookSchema = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    kinds: z.array(z.string()),
    createdAt: z.string(),
    /** Shown once, when the endpoint is made: the key its deliveries are signed with. */
    secret: z.string().optional(),
  })
  .openapi("WebhookEndpoint");

const DeliverySchema = z
  .object({
    id: z.string().uuid(),
    endpointId: z.string().uuid(),
    notificationId: z.string().uuid(),
    kind: z.string(),
    status: z.enum(["PENDING", "DELIVERED", "DEAD"]),
    attempts: z.number(),
    lastStatus: z.number().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deadAt: z.string().nullable(),
  })
  .openapi("WebhookDelivery");

const NotificationParams = z.object({ notificationId: z.string().uuid() });
const EndpointParams = OrganizationParamsSchema.extend({ endpointId: z.string().uuid() });
const DeliveryParams = OrganizationParamsSchema.extend({ deliveryId: z.string().uuid() });

const r = {
  list: createRoute({
    method: "get",
    path: "/notifications",
    tags: ["notifications"],
    summary: "My in-app notifications across my organizations (my garage included), newest first",
    security: SESSION_SECURITY,
    request: {
      query: z.object({
        unread: z.enum(["true", "false"]).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(NotificationSchema) }), "Notifications"),
      ...problemResponses(401),
    },
  }),
  read: createRoute({
    method: "post",
    path: "/notifications/{notificationId}/read",
    tags: ["notifications"],
    summary: "Mark a notification read",
    security: SESSION_SECURITY,
    request: { params: NotificationParams },
    responses: { 204: { description: "Read" }, ...problemResponses(401, 404) },
  }),
  endpoints: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/webhooks",
    tags: ["notifications"],
    summary: "The organization's webhook endpoints",
    security: SESSION_SECURITY,
    request: { params: OrganizationParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(WebhookSchema) }), "Endpoints"),
      ...problemResponses(401, 403),
    },
  }),
  addEndpoint: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/webhooks",
    tags: ["notifications"],
    summary: "Have notifications POSTed to a URL, signed (header a360-signature: t=<s>,v1=<HMAC-SHA256 of `t.body`>)",
    security: SESSION_SECURITY,
    request: { params: OrganizationParamsSchema, body: jsonBody(WebhookInputSchema) },
    responses: { 201: jsonResponse(WebhookSchema, "The endpoint with its secret"), ...problemResponses(401, 403, 422) },
  }),
  removeEndpoint: createRoute({
    method: "delete",
    path: "/organizations/{organizationId}/webhooks/{endpointId}",
    tags: ["notifications"],
    summary: "Stop delivering to an endpoint",
    security: SESSION_SECURITY,
    request: { params: EndpointParams },
    responses: { 204: { description: "Disabled" }, ...problemResponses(401, 403, 404) },
  }),
  deliveries: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/webhook-deliveries",
    tags: ["notifications"],
    summary: "Webhook deliveries; status=DEAD is the dead-letter list",
    security: SESSION_SECURITY,
    request: {
      params: OrganizationParamsSchema,
      query: z.object({
        status: z.enum(["PENDING", "DELIVERED", "DEAD"]).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(DeliverySchema) }), "Deliveries"),
      ...problemResponses(401, 403),
    },
  }),
  redeliver: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/webhook-deliveries/{deliveryId}/redelivery",
    tags: ["notifications"],
    summary: "Send a dead delivery again (same idempotency key)",
    security: SESSION_SECURITY,
    request: { params: DeliveryParams },
    responses: { 202: jsonResponse(DeliverySchema, "Queued again"), ...problemResponses(401, 403, 404, 409) },
  }),
};

/** Loopback, private, link-local and unique-local hosts: where a webhook must not reach in production. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal")) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split(".").map(Number) as [number, number];
    return (
      a === 127 ||
      a === 10 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (isIP(host) === 6)
    return host === "::1" || host === "::" || host.startsWith("fc") || host.startsWith("fd") || host.startsWith("fe80");
  return false;
}

export function notificationRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  const toDeliveryView = (
    row: Awaited<ReturnType<typeof db.prisma.webhookDelivery.findFirstOrThrow>>,
    kind: string,
  ) => ({
    id: row.id,
    endpointId: row.endpointId,
    notificationId: row.notificationId,
    kind,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deadAt: row.deadAt?.toISOString() ?? null,
  });

  app.openapi(r.list, async (c) => {
    const session = getSession(c);
    const { unread, limit } = c.req.valid("query");
    const memberships = await db.prisma.membership.findMany({
      where: { userId: session.userId },
      select: { organizationId: true },
    });
    const rows = await db.prisma.notification.findMany({
      where: {
        tenantId: { in: memberships.map((membership) => membership.organizationId) },
        OR: [{ userId: null }, { userId: session.userId }],
        ...(unread === "true" ? { readAt: null } : {}),
      },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    c.header("cache-control", "no-store");
    return c.json(
      {
        items: rows.map((row) => ({
          id: row.id,
          organizationId: row.tenantId,
          kind: row.kind,
          title: row.title,
          body: row.body,
          payload: row.payload as Record<string, unknown>,
          createdAt: row.createdAt.toISOString(),
          readAt: row.readAt?.toISOString() ?? null,
        })),
      },
      200,
    );
  });

  app.openapi(r.read, async (c) => {
    const session = getSession(c);
    const { notificationId } = c.req.valid("param");
    const memberships = await db.prisma.membership.findMany({
      where: { userId: session.userId },
      select: { organizationId: true },
    });
    const updated = await db.prisma.notification.updateMany({
      where: {
        id: notificationId,
        tenantId: { in: memberships.map((membership) => membership.organizationId) },
        OR: [{ userId: null }, { userId: session.userId }],
      },
      data: { readAt: new Date() },
    });
    if (updated.count === 0) throw new NotFoundError("notification");
    return c.body(null, 204);
  });

  app.openapi(r.endpoints, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "admin");
    const rows = await db.prisma.webhookEndpoint.findMany({
      where: { tenantId: organizationId, disabledAt: null },
      orderBy: { createdAt: "asc" },
    });
    return c.json(
      {
        items: rows.map((row) => ({
          id: row.id,
          url: row.url,
          kinds: row.kinds,
          createdAt: row.createdAt.toISOString(),
        })),
      },
      200,
    );
  });

  app.openapi(r.addEndpoint, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getTenantMember(c, services, organizationId, "admin");
    const url = new URL(input.url);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new ValidationError("a webhook URL is http(s)");
    if (!config.WEBHOOK_ALLOW_PRIVATE_HOSTS && (url.protocol !== "https:" || isPrivateHost(url.hostname))) {
      throw new ValidationError("a webhook URL is https on a public host");
    }
    const secret = `whsec_${randomBytes(24).toString("base64url")}`;
    const row = await db.prisma.$transaction(async (tx) => {
      const created = await tx.webhookEndpoint.create({
        data: { tenantId: organizationId, url: url.toString(), secret, kinds: input.kinds },
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "webhook.added",
        subjectType: "webhook_endpoint",
        subjectId: created.id,
        details: { url: created.url },
      });
      return created;
    });
    return c.json({ id: row.id, url: row.url, kinds: row.kinds, createdAt: row.createdAt.toISOString(), secret }, 201);
  });

  app.openapi(r.removeEndpoint, async (c) => {
    const { organizationId, endpointId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "admin");
    const updated = await db.prisma.webhookEndpoint.updateMany({
      where: { id: endpointId, tenantId: organizationId, disabledAt: null },
      data: { disabledAt: new Date() },
    });
    if (updated.count === 0) throw new NotFoundError("webhook endpoint");
    return c.body(null, 204);
  });

  app.openapi(r.deliveries, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { status, limit } = c.req.valid("query");
    await getTenantMember(c, services, organizationId, "admin");
    const rows = await db.prisma.webhookDelivery.findMany({
      where: { tenantId: organizationId, ...(status ? { status } : {}) },
      orderBy: { createdAt: "desc" },
      take: limit,
    });
    const notifications = await db.prisma.notification.findMany({
      where: { id: { in: rows.map((row) => row.notificationId) } },
      select: { id: true, kind: true },
    });
    const kindOf = new Map(notifications.map((notification) => [notification.id, notification.kind]));
    return c.json({ items: rows.map((row) => toDeliveryView(row, kindOf.get(row.notificationId) ?? "")) }, 200);
  });

  app.openapi(r.redeliver, async (c) => {
    const { organizationId, deliveryId } = c.req.valid("param");
    await getTenantMember(c, services, organizationId, "admin");
    const current = await db.prisma.webhookDelivery.findFirst({ where: { id: deliveryId, tenantId: organizationId } });
    if (!current) throw new NotFoundError("webhook delivery");
    if (current.status !== "DEAD")
      throw new ConflictError(`a ${current.status} delivery is not in the dead-letter list`);
    const row = await db.prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "PENDING", attempts: 0, deadAt: null },
    });
    await services.serviceOutbox?.afterNotify({ notificationIds: [], deliveryIds: [deliveryId] });
    const notification = await db.prisma.notification.findUniqueOrThrow({
      where: { id: row.notificationId },
      select: { kind: true },
    });
    return c.json(toDeliveryView(row, notification.kind), 202);
  });

  return app;
}
