import { createHash, randomBytes } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { UnitParamsSchema } from "./garageRoutes.ts";
import { getOwnershipAnalytics } from "./getOwnershipAnalytics.ts";
import { listUnitTimeline } from "./listUnitTimeline.ts";
import { recordUsageReading } from "./recordUsageReading.ts";
import { getUnitAccess, type UnitAccess } from "./UnitAccess.ts";
import {
  CurrencySchema,
  toUnitEntryView,
  UnitEntryInputSchema,
  UnitEntryKindSchema,
  UnitEntrySchema,
  UsageUnitSchema,
} from "./UnitEntrySchemas.ts";

const EntryParamsSchema = UnitParamsSchema.extend({ entryId: z.string().uuid() });
const GrantParamsSchema = UnitParamsSchema.extend({ grantId: z.string().uuid() });
const LinkParamsSchema = UnitParamsSchema.extend({ linkId: z.string().uuid() });
const RecommendationParamsSchema = UnitParamsSchema.extend({ recommendationId: z.string().uuid() });
const PurposeSchema = z.enum(["VIEW_RECORDS", "ADD_LOGS", "BOOK_SERVICE", "EXPORT"]);

const TimelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  kind: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const kinds = value.split(",");
      const parsed = z.array(UnitEntryKindSchema).safeParse(kinds);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: "kind is a comma-separated list of entry kinds" });
        return z.NEVER;
      }
      return parsed.data;
    })
    .openapi({ type: "string", description: "Comma-separated entry kinds" }),
});

const UsageReadingSchema = z
  .object({ readAt: z.string(), value: z.number(), unit: UsageUnitSchema, source: z.string() })
  .openapi("UsageReading");

const UsageInputSchema = z
  .object({
    value: z.number().min(0).max(1e9),
    readAt: z
      .string()
      .datetime({ offset: true })
      .refine((value) => new Date(value).getTime() <= Date.now() + 86_400_000, {
        message: "must not be in the future",
      }),
  })
  .openapi("UsageInput", { example: { value: 48350, readAt: "2026-11-25T08:00:00Z" } });

const SettingsSchema = z
  .object({
    currency: CurrencySchema,
    purchasePriceCents: z.number().int().min(0).max(1e12).nullable(),
    purchasedOn: z.string().date().nullable(),
    depreciationPctPerYear: z.number().min(0).max(100).nullable(),
    loanPrincipalCents: z.number().int().min(0).max(1e12).nullable(),
    loanRatePct: z.number().min(0).max(100).nullable(),
    loanTermMonths: z.number().int().min(1).max(600).nullable(),
    loanStartsOn: z.string().date().nullable(),
  })
  .openapi("OwnershipSettings", {
    example: {
      currency: "EUR",
      purchasePriceCents: 2_400_000,
      purchasedOn: "2024-03-01",
      depreciationPctPerYear: 15,
      loanPrincipalCents: 1_500_000,
      loanRatePct: 4.9,
      loanTermMonths: 48,
      loanStartsOn: "2024-03-01",
    },
  });

const AnalyticsSchema = z
  .object({
    currency: z.string(),
    totalCostCents: z.number(),
    months: z.array(z.object({ month: z.string(), costCents: z.number() })),
    byKind: z.array(z.object({ kind: z.string(), costCents: z.number() })),
    byCategory: z.array(z.object({ category: z.string(), costCents: z.number() })),
    usage: z.object({ unit: z.string(), first: z.number(), last: z.number(), travelled: z.number() }).nullable(),
    costPerUsageUnitCents: z.number().nullable(),
    costPerMonthCents: z.number().nullable(),
    depreciation: z
      .object({ purchasePriceCents: z.number(), ageMonths: z.number(), valueCents: z.number(), lostCents: z.number() })
      .nullable(),
    loan: z
      .object({
        monthlyPaymentCents: z.number(),
        paymentsMade: z.number(),
        interestPaidCents: z.number(),
        remainingPrincipalCents: z.number(),
      })
      .nullable(),
    otherCurrencyEntries: z.number(),
  })
  .openapi("OwnershipAnalytics");

const GrantInputSchema = z
  .object({
    address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
    purposes: z.array(PurposeSchema).min(1).max(4),
    expiresAt: z.string().datetime({ offset: true }).optional(),
  })
  .openapi("UnitAccessGrantInput", {
    example: { address: "0x90f79bf6eb2c4f870365e785982e1f101e93b906", purposes: ["VIEW_RECORDS"] },
  });

const GrantSchema = z
  .object({
    id: z.string().uuid(),
    granteeAddress: z.string().nullable(),
    purposes: z.array(PurposeSchema),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi("UnitAccessGrant");

const ServiceLinkSchema = z
  .object({
    id: z.string().uuid(),
    serviceOrgId: z.string().uuid(),
    serviceName: z.string(),
    status: z.enum(["PENDING", "ACTIVE", "DECLINED", "REVOKED"]),
    method: z.enum(["INVITE", "ACCESS_CODE", "BOOKING"]),
    requestedAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .openapi("ServiceLink");

const LinkDecisionSchema = z
  .object({ decision: z.enum(["APPROVE", "DECLINE", "REVOKE"]) })
  .openapi("ServiceLinkDecision", { example: { decision: "APPROVE" } });

const AccessCodeSchema = z.object({ code: z.string(), expiresAt: z.string() }).openapi("ServiceAccessCode");

export const RecommendationSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    dueOn: z.string().nullable(),
    dueUsage: z.number().nullable(),
    usageUnit: UsageUnitSchema.nullable(),
    status: z.enum(["OPEN", "DONE", "DISMISSED"]),
    serviceOrgId: z.string().nullable(),
    workOrderId: z.string().nullable(),
    isDue: z.boolean(),
  })
  .openapi("MaintenanceRecommendation");

const RecommendationInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    dueOn: z.string().date().optional(),
    dueUsage: z.number().min(0).max(1e9).optional(),
  })
  .refine((input) => input.dueOn !== undefined || input.dueUsage !== undefined, {
    message: "a recommendation is due on a date, at a usage, or both",
  })
  .openapi("MaintenanceRecommendationInput", { example: { title: "Replace cabin filter", dueOn: "2027-05-01" } });

const RecommendationStatusSchema = z
  .object({ status: z.enum(["OPEN", "DONE", "DISMISSED"]) })
  .openapi("MaintenanceRecommendationStatus", { example: { status: "DONE" } });

const r = {
  timeline: createRoute({
    method: "get",
    path: "/units/{passportId}/timeline",
    tags: ["units"],
    summary: "A unit's timeline: owner logs, service-centre records and imports, newest first",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema, query: TimelineQuerySchema },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(UnitEntrySchema), nextCursor: z.string().nullable() }).openapi("UnitTimeline"),
        "A page",
      ),
      ...problemResponses(401, 404, 422),
    },
  }),
  addEntry: createRoute({
    method: "post",
    path: "/units/{passportId}/entries",
    tags: ["units"],
    summary:
      "Log fuel, charging, a service, an expense, a usage reading or a note; a usage value joins the usage history",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema, body: jsonBody(UnitEntryInputSchema) },
    responses: { 201: jsonResponse(UnitEntrySchema, "The entry"), ...problemResponses(401, 404, 422) },
  }),
  deleteEntry: createRoute({
    method: "delete",
    path: "/units/{passportId}/entries/{entryId}",
    tags: ["units"],
    summary: "Delete one of the owner's own entries (with its usage reading); records of centres and imports stay",
    security: SESSION_SECURITY,
    request: { params: EntryParamsSchema },
    responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 422) },
  }),
  usage: createRoute({
    method: "get",
    path: "/units/{passportId}/usage",
    tags: ["units"],
    summary: "The unit's usage history, newest first (the first reading is its usage now)",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(UsageReadingSchema) }), "Readings"),
      ...problemResponses(401, 404, 422),
    },
  }),
  addUsage: createRoute({
    method: "post",
    path: "/units/{passportId}/usage",
    tags: ["units"],
    summary: "Record a usage reading (odometer, engine hours, cycles); it may not go below earlier readings",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema, body: jsonBody(UsageInputSchema) },
    responses: { 201: jsonResponse(UnitEntrySchema, "The usage entry"), ...problemResponses(401, 404, 422) },
  }),
  getSettings: createRoute({
    method: "get",
    path: "/units/{passportId}/ownership-settings",
    tags: ["units"],
    summary: "Purchase, depreciation and loan settings for the ownership analytics",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: { 200: jsonResponse(SettingsSchema, "Settings"), ...problemResponses(401, 404, 422) },
  }),
  putSettings: createRoute({
    method: "put",
    path: "/units/{passportId}/ownership-settings",
    tags: ["units"],
    summary: "Replace the ownership settings",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema, body: jsonBody(SettingsSchema) },
    responses: { 200: jsonResponse(SettingsSchema, "Settings"), ...problemResponses(401, 404, 422) },
  }),
  analytics: createRoute({
    method: "get",
    path: "/units/{passportId}/analytics",
    tags: ["units"],
    summary:
      "Ownership analytics computed now: cost per month, per usage unit, by kind and category, depreciation, loan",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: { 200: jsonResponse(AnalyticsSchema, "Analytics"), ...problemResponses(401, 404, 422) },
  }),
  grants: createRoute({
    method: "get",
    path: "/units/{passportId}/grants",
    tags: ["units"],
    summary: "Who else may use this unit, for which purposes",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(GrantSchema) }), "Grants"),
      ...problemResponses(401, 404, 422),
    },
  }),
  addGrant: createRoute({
    method: "post",
    path: "/units/{passportId}/grants",
    tags: ["units"],
    summary: "Grant another wallet access to this unit for chosen purposes",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema, body: jsonBody(GrantInputSchema) },
    responses: { 201: jsonResponse(GrantSchema, "The grant"), ...problemResponses(401, 404, 422) },
  }),
  revokeGrant: createRoute({
    method: "delete",
    path: "/units/{passportId}/grants/{grantId}",
    tags: ["units"],
    summary: "Revoke a grant",
    security: SESSION_SECURITY,
    request: { params: GrantParamsSchema },
    responses: { 204: { description: "Revoked" }, ...problemResponses(401, 404, 422) },
  }),
  links: createRoute({
    method: "get",
    path: "/units/{passportId}/service-links",
    tags: ["units"],
    summary: "Service centres this unit is connected to, and requests waiting for the owner",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(ServiceLinkSchema) }), "Links"),
      ...problemResponses(401, 404, 422),
    },
  }),
  decideLink: createRoute({
    method: "post",
    path: "/units/{passportId}/service-links/{linkId}/decision",
    tags: ["units"],
    summary: "Approve or decline a centre's request to connect, or revoke a connection",
    security: SESSION_SECURITY,
    request: { params: LinkParamsSchema, body: jsonBody(LinkDecisionSchema) },
    responses: { 200: jsonResponse(ServiceLinkSchema, "The link"), ...problemResponses(401, 404, 409, 422) },
  }),
  accessCode: createRoute({
    method: "post",
    path: "/units/{passportId}/access-codes",
    tags: ["units"],
    summary: "A one-time code (valid 24 h) the owner hands a service centre to connect this unit",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: { 201: jsonResponse(AccessCodeSchema, "The code, shown once"), ...problemResponses(401, 404, 422) },
  }),
  recommendations: createRoute({
    method: "get",
    path: "/units/{passportId}/recommendations",
    tags: ["units"],
    summary: "Maintenance recommendations of the unit; `isDue` marks the reminders",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(RecommendationSchema) }), "Recommendations"),
      ...problemResponses(401, 404, 422),
    },
  }),
  addRecommendation: createRoute({
    method: "post",
    path: "/units/{passportId}/recommendations",
    tags: ["units"],
    summary: "Add the owner's own maintenance reminder",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema, body: jsonBody(RecommendationInputSchema) },
    responses: { 201: jsonResponse(RecommendationSchema, "The recommendation"), ...problemResponses(401, 404, 422) },
  }),
  setRecommendation: createRoute({
    method: "patch",
    path: "/units/{passportId}/recommendations/{recommendationId}",
    tags: ["units"],
    summary: "Mark a recommendation done or dismissed (or open again)",
    security: SESSION_SECURITY,
    request: { params: RecommendationParamsSchema, body: jsonBody(RecommendationStatusSchema) },
    responses: { 200: jsonResponse(RecommendationSchema, "The recommendation"), ...problemResponses(401, 404, 422) },
  }),
};

/** Days ahead, and the share of usage ahead, at which a recommendation becomes a reminder. */
export const REMINDER_DAYS = 30;
export const REMINDER_USAGE_AHEAD = 1000;

export function toRecommendationView(
  row: {
    id: string;
    title: string;
    dueOn: Date | null;
    dueUsage: { toString(): string } | null;
    usageUnit: z.infer<typeof UsageUnitSchema> | null;
    status: "OPEN" | "DONE" | "DISMISSED";
    serviceOrgId: string | null;
    workOrderId: string | null;
  },
  currentUsage: number | undefined,
  now = new Date(),
) {
  const dueUsage = row.dueUsage === null ? null : Number(row.dueUsage);
  const isDueByDate = row.dueOn !== null && row.dueOn.getTime() <= now.getTime() + REMINDER_DAYS * 86_400_000;
  const isDueByUsage =
    dueUsage !== null && currentUsage !== undefined && currentUsage + REMINDER_USAGE_AHEAD >= dueUsage;
  return {
    id: row.id,
    title: row.title,
    dueOn: row.dueOn ? row.dueOn.toISOString().slice(0, 10) : null,
    dueUsage,
    usageUnit: row.usageUnit,
    status: row.status,
    serviceOrgId: row.serviceOrgId,
    workOrderId: row.workOrderId,
    isDue: row.status === "OPEN" && (isDueByDate || isDueByUsage),
  };
}

export async function findCurrentUsage(services: AppServices, passportId: string): Promise<number | undefined> {
  const latest = await services.db.prisma.usageReading.findFirst({
    where: { passportId },
    orderBy: [{ readAt: "desc" }, { value: "desc" }],
    select: { value: true },
  });
  return latest ? Number(latest.value) : undefined;
}

function requireOwner(access: UnitAccess) {
  if (access.role !== "OWNER") throw new ForbiddenError("only the unit's owner may do this");
}

export function unitRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(r.timeline, async (c) => {
    const { passportId } = c.req.valid("param");
    const { limit, cursor, kind } = c.req.valid("query");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    const page = await listUnitTimeline(db, { passportId, tenantId: access.ownerOrgId, limit, cursor, kinds: kind });
    c.header("cache-control", "no-store");
    return c.json(page, 200);
  });

  app.openapi(r.addEntry, async (c) => {
    const { passportId } = c.req.valid("param");
    const input = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "ADD_LOGS");
    const occurredAt = new Date(input.occurredAt);
    const entry = await db.prisma.$transaction(async (tx) => {
      const created = await tx.unitEntry.create({
        data: {
          tenantId: access.ownerOrgId,
          passportId,
          kind: input.kind,
          occurredAt,
          title: input.title,
          category: input.category ?? null,
          amountCents: input.amountCents === undefined ? null : BigInt(input.amountCents),
          currency: input.currency ?? null,
          quantity: input.quantity ?? null,
          quantityUnit: input.quantityUnit ?? null,
          usageValue: input.usageValue ?? null,
          usageUnit: input.usageValue === undefined ? null : access.usageUnit,
          details: input.details ?? {},
          createdById: access.userId,
        },
      });
      if (input.usageValue !== undefined) {
        await recordUsageReading(tx, {
          tenantId: access.ownerOrgId,
          passportId,
          readAt: occurredAt,
          value: input.usageValue,
          unit: access.usageUnit,
          entryId: created.id,
          source: "OWNER",
        });
      }
      return created;
    });
    return c.json(toUnitEntryView(entry), 201);
  });

  app.openapi(r.deleteEntry, async (c) => {
    const { passportId, entryId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "ADD_LOGS");
    const entry = await db.prisma.unitEntry.findFirst({
      where: { id: entryId, passportId, tenantId: access.ownerOrgId },
    });
    if (!entry) throw new NotFoundError("entry");
    if (entry.source !== "OWNER") throw new ForbiddenError("records of service centres and imports cannot be deleted");
    if (access.role !== "OWNER" && entry.createdById !== access.userId) {
      throw new ForbiddenError("a grantee may delete only entries they wrote");
    }
    await db.prisma.$transaction([
      db.prisma.usageReading.deleteMany({ where: { entryId, tenantId: access.ownerOrgId } }),
      db.prisma.unitEntry.delete({ where: { id: entryId } }),
    ]);
    return c.body(null, 204);
  });

  app.openapi(r.usage, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    const rows = await db.prisma.usageReading.findMany({
      where: { passportId, tenantId: access.ownerOrgId },
      orderBy: [{ readAt: "desc" }, { value: "desc" }],
      take: 1000,
    });
    return c.json(
      {
        items: rows.map((row) => ({
          readAt: row.readAt.toISOString(),
          value: Number(row.value),
          unit: row.unit,
          source: row.source,
        })),
      },
      200,
    );
  });

  app.openapi(r.addUsage, async (c) => {
    const { passportId } = c.req.valid("param");
    const { value, readAt } = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "ADD_LOGS");
    const entry = await db.prisma.$transaction(async (tx) => {
      const created = await tx.unitEntry.create({
        data: {
          tenantId: access.ownerOrgId,
          passportId,
          kind: "USAGE",
          occurredAt: new Date(readAt),
          title: "Usage reading",
          usageValue: value,
          usageUnit: access.usageUnit,
          createdById: access.userId,
        },
      });
      await recordUsageReading(tx, {
        tenantId: access.ownerOrgId,
        passportId,
        readAt: new Date(readAt),
        value,
        unit: access.usageUnit,
        entryId: created.id,
        source: "OWNER",
      });
      return created;
    });
    return c.json(toUnitEntryView(entry), 201);
  });

  const toSettingsView = (row: Awaited<ReturnType<typeof db.prisma.ownershipSettings.findUnique>>) => ({
    currency: row?.currency ?? "EUR",
    purchasePriceCents: row?.purchasePriceCents == null ? null : Number(row.purchasePriceCents),
    purchasedOn: row?.purchasedOn ? row.purchasedOn.toISOString().slice(0, 10) : null,
    depreciationPctPerYear: row?.depreciationPctPerYear == null ? null : Number(row.depreciationPctPerYear),
    loanPrincipalCents: row?.loanPrincipalCents == null ? null : Number(row.loanPrincipalCents),
    loanRatePct: row?.loanRatePct == null ? null : Number(row.loanRatePct),
    loanTermMonths: row?.loanTermMonths ?? null,
    loanStartsOn: row?.loanStartsOn ? row.loanStartsOn.toISOString().slice(0, 10) : null,
  });

  app.openapi(r.getSettings, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    const row = await db.prisma.ownershipSettings.findUnique({
      where: { tenantId_passportId: { tenantId: access.ownerOrgId, passportId } },
    });
    return c.json(toSettingsView(row), 200);
  });

  app.openapi(r.putSettings, async (c) => {
    const { passportId } = c.req.valid("param");
    const input = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    requireOwner(access);
    const data = {
      currency: input.currency,
      purchasePriceCents: input.purchasePriceCents === null ? null : BigInt(input.purchasePriceCents),
      purchasedOn: input.purchasedOn ? new Date(input.purchasedOn) : null,
      depreciationPctPerYear: input.depreciationPctPerYear,
      loanPrincipalCents: input.loanPrincipalCents === null ? null : BigInt(input.loanPrincipalCents),
      loanRatePct: input.loanRatePct,
      loanTermMonths: input.loanTermMonths,
      loanStartsOn: input.loanStartsOn ? new Date(input.loanStartsOn) : null,
    };
    const row = await db.prisma.ownershipSettings.upsert({
      where: { tenantId_passportId: { tenantId: access.ownerOrgId, passportId } },
      create: { tenantId: access.ownerOrgId, passportId, ...data },
      update: data,
    });
    return c.json(toSettingsView(row), 200);
  });

  app.openapi(r.analytics, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    c.header("cache-control", "no-store");
    return c.json(await getOwnershipAnalytics(db, { tenantId: access.ownerOrgId, passportId }), 200);
  });

  const toGrantView = (row: {
    id: string;
    purposes: z.infer<typeof PurposeSchema>[];
    expiresAt: Date | null;
    createdAt: Date;
    revokedAt: Date | null;
    granteeAddress: string | null;
  }) => ({
    id: row.id,
    granteeAddress: row.granteeAddress,
    purposes: row.purposes,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  });

  app.openapi(r.grants, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    requireOwner(access);
    const rows = await db.prisma.unitAccessGrant.findMany({
      where: { tenantId: access.ownerOrgId, passportId },
      orderBy: { createdAt: "desc" },
    });
    const users = await db.prisma.user.findMany({ where: { id: { in: rows.map((row) => row.granteeId) } } });
    const addressOf = new Map(users.map((user) => [user.id, user.address]));
    return c.json(
      { items: rows.map((row) => toGrantView({ ...row, granteeAddress: addressOf.get(row.granteeId) ?? null })) },
      200,
    );
  });

  app.openapi(r.addGrant, async (c) => {
    const { passportId } = c.req.valid("param");
    const input = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    requireOwner(access);
    const address = input.address.toLowerCase();
    if (input.expiresAt && new Date(input.expiresAt) <= new Date())
      throw new ValidationError("expiresAt is in the past");
    const grant = await db.prisma.$transaction(async (tx) => {
      const grantee = await tx.user.upsert({ where: { address }, create: { address }, update: {} });
      if (grantee.id === access.userId) throw new ValidationError("the owner needs no grant");
      const created = await tx.unitAccessGrant.create({
        data: {
          tenantId: access.ownerOrgId,
          passportId,
          granteeId: grantee.id,
          purposes: input.purposes,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
        },
      });
      await recordAudit(tx, {
        tenantId: access.ownerOrgId,
        actorId: access.userId,
        action: "unit.access_granted",
        subjectType: "unit",
        subjectId: passportId,
        details: { grantee: address, purposes: input.purposes },
      });
      return created;
    });
    return c.json(toGrantView({ ...grant, granteeAddress: address }), 201);
  });

  app.openapi(r.revokeGrant, async (c) => {
    const { passportId, grantId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    requireOwner(access);
    await db.prisma.$transaction(async (tx) => {
      const revoked = await tx.unitAccessGrant.updateMany({
        where: { id: grantId, passportId, tenantId: access.ownerOrgId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (revoked.count === 0) throw new NotFoundError("grant");
      await recordAudit(tx, {
        tenantId: access.ownerOrgId,
        actorId: access.userId,
        action: "unit.access_revoked",
        subjectType: "unit",
        subjectId: passportId,
        details: { grantId },
      });
    });
    return c.body(null, 204);
  });

  async function toLinkViews(rows: Array<Awaited<ReturnType<typeof db.prisma.serviceLink.findFirstOrThrow>>>) {
    const centres = await db.prisma.organization.findMany({
      where: { id: { in: rows.map((row) => row.serviceOrgId) } },
      select: { id: true, name: true },
    });
    const nameOf = new Map(centres.map((centre) => [centre.id, centre.name]));
    return rows.map((row) => ({
      id: row.id,
      serviceOrgId: row.serviceOrgId,
      serviceName: nameOf.get(row.serviceOrgId) ?? "",
      status: row.status,
      method: row.method,
      requestedAt: row.requestedAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
    }));
  }

  app.openapi(r.links, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    requireOwner(access);
    const rows = await db.prisma.serviceLink.findMany({
      where: { tenantId: access.ownerOrgId, passportId },
      orderBy: { requestedAt: "desc" },
    });
    return c.json({ items: await toLinkViews(rows) }, 200);
  });

  app.openapi(r.decideLink, async (c) => {
    const { passportId, linkId } = c.req.valid("param");
    const { decision } = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    requireOwner(access);
    const link = await db.prisma.$transaction(async (tx) => {
      const current = await tx.serviceLink.findFirst({
        where: { id: linkId, passportId, tenantId: access.ownerOrgId },
      });
      if (!current) throw new NotFoundError("service link");
      const allowed = { APPROVE: ["PENDING"], DECLINE: ["PENDING"], REVOKE: ["ACTIVE", "PENDING"] }[decision];
      if (!allowed.includes(current.status)) {
        throw new ConflictError(`a ${current.status} link cannot take the decision ${decision}`);
      }
      const now = new Date();
      const updated = await tx.serviceLink.update({
        where: { id: linkId },
        data:
          decision === "REVOKE"
            ? { status: "REVOKED", revokedAt: now }
            : { status: decision === "APPROVE" ? "ACTIVE" : "DECLINED", decidedAt: now },
      });
      await recordAudit(tx, {
        tenantId: access.ownerOrgId,
        actorId: access.userId,
        action: `service_link.${decision.toLowerCase()}`,
        subjectType: "service_link",
        subjectId: linkId,
        details: { serviceOrgId: current.serviceOrgId },
      });
      return updated;
    });
    const [view] = await toLinkViews([link]);
    return c.json(view!, 200);
  });

  app.openapi(r.accessCode, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    requireOwner(access);
    // 10 characters of a 32-letter alphabet without look-alikes: 50 bits, single use, 24 h.
    const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    const code = [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join("");
    const expiresAt = new Date(Date.now() + 86_400_000);
    await db.prisma.serviceAccessCode.create({
      data: { codeHash: hashAccessCode(code), tenantId: access.ownerOrgId, passportId, expiresAt },
    });
    return c.json({ code, expiresAt: expiresAt.toISOString() }, 201);
  });

  app.openapi(r.recommendations, async (c) => {
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    const [rows, usage] = await Promise.all([
      db.prisma.maintenanceRecommendation.findMany({
        where: { tenantId: access.ownerOrgId, passportId },
        orderBy: [{ status: "asc" }, { dueOn: "asc" }, { createdAt: "asc" }],
        take: 500,
      }),
      findCurrentUsage(services, passportId),
    ]);
    return c.json({ items: rows.map((row) => toRecommendationView(row, usage)) }, 200);
  });

  app.openapi(r.addRecommendation, async (c) => {
    const { passportId } = c.req.valid("param");
    const input = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "ADD_LOGS");
    const row = await db.prisma.maintenanceRecommendation.create({
      data: {
        tenantId: access.ownerOrgId,
        passportId,
        title: input.title,
        dueOn: input.dueOn ? new Date(input.dueOn) : null,
        dueUsage: input.dueUsage ?? null,
        usageUnit: input.dueUsage === undefined ? null : access.usageUnit,
      },
    });
    return c.json(toRecommendationView(row, await findCurrentUsage(services, passportId)), 201);
  });

  app.openapi(r.setRecommendation, async (c) => {
    const { passportId, recommendationId } = c.req.valid("param");
    const { status } = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "ADD_LOGS");
    const updated = await db.prisma.maintenanceRecommendation.updateManyAndReturn({
      where: { id: recommendationId, passportId, tenantId: access.ownerOrgId },
      data: { status },
    });
    const row = updated[0];
    if (!row) throw new NotFoundError("recommendation");
    return c.json(toRecommendationView(row, await findCurrentUsage(services, passportId)), 200);
  });

  return app;
}

export function hashAccessCode(code: string): string {
  return createHash("sha256").update(code.trim().toUpperCase()).digest("hex");
}
