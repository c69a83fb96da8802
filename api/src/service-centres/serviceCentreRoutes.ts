import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { getSession } from "../auth/loadSession.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY, SESSION_SECURITY } from "../http/security.ts";
import { hashAccessCode } from "../owners/unitRoutes.ts";
import { getAvailability, isValidTimeZone, type WeeklyHours } from "./getAvailability.ts";
import {
  BookingSettingsSchema,
  CatalogueItemInputSchema,
  CatalogueItemSchema,
  CentreParamsSchema,
  ProfileSchema,
  ProfileViewSchema,
  StaffRoleSchema,
} from "./ServiceCentreSchemas.ts";
import { getServiceStaffMember, requireVerified } from "./ServiceStaffMember.ts";

const VerificationSchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().uuid(),
    organizationName: z.string(),
    status: z.enum(["SUBMITTED", "APPROVED", "REJECTED"]),
    documents: z.array(z.object({ name: z.string(), url: z.string(), sha256: z.string() })),
    note: z.string().nullable(),
    submittedAt: z.string(),
    reviewedAt: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi("ServiceCentreVerification");

const VerificationInputSchema = z
  .object({
    documents: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(200),
          url: z.string().url().max(2000),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
        }),
      )
      .min(1)
      .max(20),
    note: z.string().trim().max(2000).optional(),
  })
  .openapi("ServiceCentreVerificationInput", {
    example: {
      documents: [{ name: "Trade register extract", url: "https://example.org/register.pdf", sha256: "a".repeat(64) }],
      note: "Authorised workshop since 2009",
    },
  });

const ModerationDecisionSchema = z
  .object({ decision: z.enum(["APPROVE", "REJECT"]), reason: z.string().trim().min(1).max(2000).optional() })
  .refine((input) => input.decision === "APPROVE" || input.reason !== undefined, {
    message: "a rejection says why",
    path: ["reason"],
  })
  .openapi("ModerationDecision", { example: { decision: "REJECT", reason: "The register extract is unreadable" } });

const StaffSchema = z
  .object({ userId: z.string().uuid(), address: z.string().nullable(), role: StaffRoleSchema, createdAt: z.string() })
  .openapi("ServiceStaff");
const StaffInputSchema = z
  .object({ address: z.string().regex(/^0x[0-9a-fA-F]{40}$/), role: StaffRoleSchema })
  .openapi("ServiceStaffInput", {
    example: { address: "0x90f79bf6eb2c4f870365e785982e1f101e93b906", role: "MECHANIC" },
  });
const StaffRoleInputSchema = z
  .object({ role: StaffRoleSchema })
  .openapi("ServiceStaffRoleInput", { example: { role: "MANAGER" } });

const HolidaySchema = z
  .object({ day: z.string().date(), reason: z.string().trim().max(200).nullable().optional() })
  .openapi("ServiceHoliday", { example: { day: "2026-12-25", reason: "Christmas" } });

const InventoryInputSchema = z
  .object({
    catalogueItemId: z.string().uuid(),
    kind: z.enum(["RECEIPT", "ADJUSTMENT"]),
    quantity: z
      .number()
      .min(-1e6)
      .max(1e6)
      .refine((value) => value !== 0, { message: "must not be zero" }),
    note: z.string().trim().max(300).optional(),
  })
  .refine((input) => input.kind === "ADJUSTMENT" || input.quantity > 0, {
    message: "a receipt adds stock",
    path: ["quantity"],
  })
  .openapi("InventoryInput", {
    example: { catalogueItemId: "00000000-0000-4000-8000-000000000000", kind: "RECEIPT", quantity: 20 },
  });

const LinkRequestSchema = z
  .object({ publicId: z.string().min(1).max(64) })
  .openapi("ServiceLinkRequest", { example: { publicId: "q3ZfN0t5bXlKc2VjcmV0" } });
const RedeemSchema = z
  .object({ code: z.string().trim().min(6).max(20) })
  .openapi("ServiceAccessCodeRedemption", { example: { code: "ABCDEFGHJK" } });
const CentreLinkSchema = z
  .object({
    id: z.string().uuid(),
    passportId: z.string().uuid(),
    publicId: z.string(),
    status: z.enum(["PENDING", "ACTIVE", "DECLINED", "REVOKED"]),
    method: z.enum(["INVITE", "ACCESS_CODE", "BOOKING"]),
    requestedAt: z.string(),
  })
  .openapi("CentreServiceLink");

const PublicCentreSchema = z
  .object({
    organizationId: z.string().uuid(),
    displayName: z.string(),
    city: z.string().nullable(),
    currency: z.string(),
  })
  .openapi("PublicServiceCentre");

const AvailabilityQuerySchema = z.object({
  from: z.string().datetime({ offset: true }),
  to: z.string().datetime({ offset: true }),
});
const AvailabilitySchema = z
  .object({
    timezone: z.string(),
    slotMinutes: z.number(),
    slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), free: z.number() })),
  })
  .openapi("ServiceAvailability");

const CentreItemParams = CentreParamsSchema.extend({ itemId: z.string().uuid() });
const CentreUserParams = CentreParamsSchema.extend({ userId: z.string().uuid() });
const CentreDayParams = CentreParamsSchema.extend({ day: z.string().date() });
const VerificationParams = z.object({ verificationId: z.string().uuid() });

const tags = ["service centres"];
const r = {
  publicList: createRoute({
    method: "get",
    path: "/service-centres",
    tags,
    summary: "Verified service centres owners can book",
    security: PUBLIC_SECURITY,
    request: { query: z.object({ city: z.string().max(100).optional() }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(PublicCentreSchema) }), "Centres") },
  }),
  availability: createRoute({
    method: "get",
    path: "/service-centres/{organizationId}/availability",
    tags,
    summary: "Bookable slots of a verified centre with the places left (at most 92 days at once)",
    security: PUBLIC_SECURITY,
    request: { params: CentreParamsSchema, query: AvailabilityQuerySchema },
    responses: { 200: jsonResponse(AvailabilitySchema, "Slots"), ...problemResponses(404, 422) },
  }),
  getProfile: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/profile",
    tags,
    summary: "The centre's profile and whether it is verified",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema },
    responses: { 200: jsonResponse(ProfileViewSchema, "Profile"), ...problemResponses(401, 403, 404) },
  }),
  putProfile: createRoute({
    method: "put",
    path: "/organizations/{organizationId}/service/profile",
    tags,
    summary: "Set the centre's profile, including the staked wallet that records its repairs",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(ProfileSchema) },
    responses: { 200: jsonResponse(ProfileViewSchema, "Profile"), ...problemResponses(401, 403, 422) },
  }),
  submitVerification: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/verifications",
    tags,
    summary: "Apply for verification with documents; a platform moderator decides",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(VerificationInputSchema) },
    responses: { 201: jsonResponse(VerificationSchema, "The application"), ...problemResponses(401, 403, 409, 422) },
  }),
  listVerifications: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/verifications",
    tags,
    summary: "The centre's applications and their decisions",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(VerificationSchema) }), "Applications"),
      ...problemResponses(401, 403),
    },
  }),
  moderationQueue: createRoute({
    method: "get",
    path: "/moderation/service-centres",
    tags: ["moderation"],
    summary: "Applications for a platform moderator, oldest first",
    security: SESSION_SECURITY,
    request: { query: z.object({ status: z.enum(["SUBMITTED", "APPROVED", "REJECTED"]).default("SUBMITTED") }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(VerificationSchema) }), "Applications"),
      ...problemResponses(401, 403),
    },
  }),
  moderate: createRoute({
    method: "post",
    path: "/moderation/service-centres/{verificationId}/decision",
    tags: ["moderation"],
    summary: "Approve an application (the centre becomes verified) or reject it with a reason",
    security: SESSION_SECURITY,
    request: { params: VerificationParams, body: jsonBody(ModerationDecisionSchema) },
    responses: {
      200: jsonResponse(VerificationSchema, "The decided application"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  listStaff: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/staff",
    tags,
    summary: "Employees and their roles",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema },
    responses: { 200: jsonResponse(z.object({ items: z.array(StaffSchema) }), "Staff"), ...problemResponses(401, 403) },
  }),
  addStaff: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/staff",
    tags,
    summary: "Give a wallet a role at the centre (it becomes a member of the organization)",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(StaffInputSchema) },
    responses: { 201: jsonResponse(StaffSchema, "The employee"), ...problemResponses(401, 403, 422) },
  }),
  setStaffRole: createRoute({
    method: "patch",
    path: "/organizations/{organizationId}/service/staff/{userId}",
    tags,
    summary: "Change an employee's role",
    security: SESSION_SECURITY,
    request: { params: CentreUserParams, body: jsonBody(StaffRoleInputSchema) },
    responses: { 200: jsonResponse(StaffSchema, "The employee"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  removeStaff: createRoute({
    method: "delete",
    path: "/organizations/{organizationId}/service/staff/{userId}",
    tags,
    summary: "Remove an employee's role and membership",
    security: SESSION_SECURITY,
    request: { params: CentreUserParams },
    responses: { 204: { description: "Removed" }, ...problemResponses(401, 403, 404, 409) },
  }),
  getSettings: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/booking-settings",
    tags,
    summary: "Opening hours, slot length and capacity",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema },
    responses: { 200: jsonResponse(BookingSettingsSchema, "Settings"), ...problemResponses(401, 403, 404) },
  }),
  putSettings: createRoute({
    method: "put",
    path: "/organizations/{organizationId}/service/booking-settings",
    tags,
    summary: "Replace opening hours, slot length and capacity",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(BookingSettingsSchema) },
    responses: { 200: jsonResponse(BookingSettingsSchema, "Settings"), ...problemResponses(401, 403, 422) },
  }),
  listHolidays: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/holidays",
    tags,
    summary: "Days the centre is closed",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(HolidaySchema) }), "Holidays"),
      ...problemResponses(401, 403),
    },
  }),
  addHoliday: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/holidays",
    tags,
    summary: "Close the centre on a day",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(HolidaySchema) },
    responses: { 201: jsonResponse(HolidaySchema, "The holiday"), ...problemResponses(401, 403, 422) },
  }),
  removeHoliday: createRoute({
    method: "delete",
    path: "/organizations/{organizationId}/service/holidays/{day}",
    tags,
    summary: "Open again on a day",
    security: SESSION_SECURITY,
    request: { params: CentreDayParams },
    responses: { 204: { description: "Removed" }, ...problemResponses(401, 403, 404) },
  }),
  listCatalogue: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/catalogue",
    tags,
    summary: "The centre's price catalogue with stock levels (prices hidden from mechanics)",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(CatalogueItemSchema) }), "Items"),
      ...problemResponses(401, 403),
    },
  }),
  addCatalogueItem: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/catalogue",
    tags,
    summary: "Add a labour, part, fluid or material item",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(CatalogueItemInputSchema) },
    responses: { 201: jsonResponse(CatalogueItemSchema, "The item"), ...problemResponses(401, 403, 409, 422) },
  }),
  updateCatalogueItem: createRoute({
    method: "put",
    path: "/organizations/{organizationId}/service/catalogue/{itemId}",
    tags,
    summary: "Replace a catalogue item (work orders keep the price they were given)",
    security: SESSION_SECURITY,
    request: { params: CentreItemParams, body: jsonBody(CatalogueItemInputSchema) },
    responses: { 200: jsonResponse(CatalogueItemSchema, "The item"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  addInventory: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/inventory",
    tags,
    summary: "Receive stock or adjust it; consumption is recorded by completed work orders",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(InventoryInputSchema) },
    responses: {
      201: jsonResponse(CatalogueItemSchema, "The item with its stock"),
      ...problemResponses(401, 403, 404, 422),
    },
  }),
  listLinks: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/links",
    tags,
    summary: "Units connected to the centre and requests waiting for their owners",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema },
    responses: {
      200: jsonResponse(z.object({ items: z.array(CentreLinkSchema) }), "Links"),
      ...problemResponses(401, 403),
    },
  }),
  requestLink: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/links",
    tags,
    summary: "Invite a unit's owner to connect the unit (the owner approves or declines)",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(LinkRequestSchema) },
    responses: { 201: jsonResponse(CentreLinkSchema, "The request"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
  redeemCode: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/links/redeem",
    tags,
    summary: "Connect a unit with the one-time access code its owner handed over",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(RedeemSchema) },
    responses: { 201: jsonResponse(CentreLinkSchema, "The active link"), ...problemResponses(401, 403, 404, 422) },
  }),
};

export function serviceCentreRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function toVerificationViews(
    rows: Array<Awaited<ReturnType<typeof db.prisma.serviceCentreVerification.findFirstOrThrow>>>,
  ) {
    const organizations = await db.prisma.organization.findMany({
      where: { id: { in: rows.map((row) => row.organizationId) } },
      select: { id: true, name: true },
    });
    const nameOf = new Map(organizations.map((organization) => [organization.id, organization.name]));
    return rows.map((row) => ({
      id: row.id,
      organizationId: row.organizationId,
      organizationName: nameOf.get(row.organizationId) ?? "",
      status: row.status,
      documents: row.documents as Array<{ name: string; url: string; sha256: string }>,
      note: row.note,
      submittedAt: row.submittedAt.toISOString(),
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      reason: row.reason,
    }));
  }

  async function getProfileView(organizationId: string) {
    const [organization, profile] = await Promise.all([
      db.prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } }),
      db.prisma.serviceCentreProfile.findUnique({ where: { organizationId } }),
    ]);
    return {
      organizationId,
      displayName: profile?.displayName ?? organization.name,
      city: profile?.city ?? null,
      address: profile?.address ?? null,
      phone: profile?.phone ?? null,
      currency: profile?.currency ?? "EUR",
      providerWallet: profile?.providerWallet ?? null,
      verifiedAt: profile?.verifiedAt?.toISOString() ?? null,
    };
  }

  async function requireModerator(userId: string) {
    const grant = await db.prisma.platformRoleGrant.findUnique({
      where: { userId_role: { userId, role: "MODERATOR" } },
    });
    if (!grant) throw new ForbiddenError("only a platform moderator may review service centres");
  }

  async function getCatalogueViews(tenantId: string, showPrices: boolean, ids?: string[]) {
    const [items, stock] = await Promise.all([
      db.prisma.serviceCatalogueItem.findMany({
        where: { tenantId, ...(ids ? { id: { in: ids } } : {}) },
        orderBy: [{ kind: "asc" }, { sku: "asc" }],
        take: 2000,
      }),
      db.prisma.inventoryTransaction.groupBy({
        by: ["catalogueItemId"],
        where: { tenantId, ...(ids ? { catalogueItemId: { in: ids } } : {}) },
        _sum: { quantity: true },
      }),
    ]);
    const stockOf = new Map(stock.map((row) => [row.catalogueItemId, Number(row._sum.quantity ?? 0)]));
    return items.map((item) => ({
      id: item.id,
      sku: item.sku,
      name: item.name,
      kind: item.kind,
      unit: item.unit,
      unitPriceCents: showPrices ? Number(item.unitPriceCents) : null,
      isActive: item.isActive,
      stock: stockOf.get(item.id) ?? 0,
    }));
  }

  async function toCentreLinkViews(
    rows: Array<{
      id: string;
      passportId: string;
      status: "PENDING" | "ACTIVE" | "DECLINED" | "REVOKED";
      method: "INVITE" | "ACCESS_CODE" | "BOOKING";
      requestedAt: Date;
    }>,
  ) {
    const passports = await db.prisma.passport.findMany({
      where: { id: { in: rows.map((row) => row.passportId) } },
      select: { id: true, publicId: true },
    });
    const publicIdOf = new Map(passports.map((passport) => [passport.id, passport.publicId]));
    return rows.map((row) => ({
      id: row.id,
      passportId: row.passportId,
      publicId: publicIdOf.get(row.passportId) ?? "",
      status: row.status,
      method: row.method,
      requestedAt: row.requestedAt.toISOString(),
    }));
  }

  app.openapi(r.publicList, async (c) => {
    const { city } = c.req.valid("query");
    const rows = await db.prisma.serviceCentreProfile.findMany({
      where: { verifiedAt: { not: null }, ...(city ? { city: { equals: city, mode: "insensitive" } } : {}) },
      orderBy: { displayName: "asc" },
      take: 500,
    });
    return c.json(
      {
        items: rows.map((row) => ({
          organizationId: row.organizationId,
          displayName: row.displayName,
          city: row.city,
          currency: row.currency,
        })),
      },
      200,
    );
  });

  app.openapi(r.availability, async (c) => {
    const { organizationId } = c.req.valid("param");
    const query = c.req.valid("query");
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from || to.getTime() - from.getTime() > 92 * 86_400_000) {
      throw new ValidationError("to must be after from and at most 92 days later");
    }
    const settings = await db.sql
      .selectFrom("service_booking_settings as s")
      .innerJoin("service_centre_profile as p", "p.organization_id", "s.organization_id")
      .select([
        "s.timezone",
        "s.weekly_hours as weeklyHours",
        "s.slot_minutes as slotMinutes",
        "s.capacity",
        "p.verified_at as verifiedAt",
      ])
      .where("s.organization_id", "=", organizationId)
      .executeTakeFirst();
    if (!settings?.verifiedAt) throw new NotFoundError("bookable service centre");
    const slots = await getCentreSlots(services, organizationId, settings, from, to);
    return c.json(
      {
        timezone: settings.timezone,
        slotMinutes: settings.slotMinutes,
        slots: slots.map((slot) => ({
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          free: slot.free,
        })),
      },
      200,
    );
  });

  app.openapi(r.getProfile, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getServiceStaffMember(c, services, organizationId, "view_catalogue");
    return c.json(await getProfileView(organizationId), 200);
  });

  app.openapi(r.putProfile, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_centre");
    const data = { ...input, providerWallet: input.providerWallet?.toLowerCase() ?? null };
    await db.prisma.$transaction(async (tx) => {
      await tx.serviceCentreProfile.upsert({
        where: { organizationId },
        create: { organizationId, ...data },
        update: data,
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "service_centre.profile_set",
        subjectType: "organization",
        subjectId: organizationId,
        details: { providerWallet: data.providerWallet },
      });
    });
    return c.json(await getProfileView(organizationId), 200);
  });

  app.openapi(r.submitVerification, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_centre");
    const row = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`verification:${organizationId}`}))`;
      const waiting = await tx.serviceCentreVerification.count({ where: { organizationId, status: "SUBMITTED" } });
      if (waiting > 0) throw new ConflictError("an application is already waiting for review");
      const profile = await tx.serviceCentreProfile.findUnique({ where: { organizationId } });
      if (profile?.verifiedAt) throw new ConflictError("the centre is already verified");
      if (!profile) {
        const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId } });
        await tx.serviceCentreProfile.create({ data: { organizationId, displayName: organization.name } });
      }
      const created = await tx.serviceCentreVerification.create({
        data: { organizationId, documents: input.documents, note: input.note ?? null, submittedById: member.userId },
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "service_centre.verification_submitted",
        subjectType: "service_centre_verification",
        subjectId: created.id,
      });
      return created;
    });
    const [view] = await toVerificationViews([row]);
    return c.json(view!, 201);
  });

  app.openapi(r.listVerifications, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getServiceStaffMember(c, services, organizationId, "manage_centre");
    const rows = await db.prisma.serviceCentreVerification.findMany({
      where: { organizationId },
      orderBy: { submittedAt: "desc" },
    });
    return c.json({ items: await toVerificationViews(rows) }, 200);
  });

  app.openapi(r.moderationQueue, async (c) => {
    const session = getSession(c);
    await requireModerator(session.userId);
    const { status } = c.req.valid("query");
    const rows = await db.prisma.serviceCentreVerification.findMany({
      where: { status },
      orderBy: { submittedAt: "asc" },
      take: 200,
    });
    return c.json({ items: await toVerificationViews(rows) }, 200);
  });

  app.openapi(r.moderate, async (c) => {
    const session = getSession(c);
    await requireModerator(session.userId);
    const { verificationId } = c.req.valid("param");
    const { decision, reason } = c.req.valid("json");
    const row = await db.prisma.$transaction(async (tx) => {
      const [current] = await tx.$queryRaw<Array<{ status: string; organization_id: string }>>`
        select status::text as status, organization_id from app.service_centre_verification
         where id = ${verificationId}::uuid for update`;
      if (!current) throw new NotFoundError("application");
      if (current.status !== "SUBMITTED") throw new ConflictError(`the application is already ${current.status}`);
      const now = new Date();
      const decided = await tx.serviceCentreVerification.update({
        where: { id: verificationId },
        data: {
          status: decision === "APPROVE" ? "APPROVED" : "REJECTED",
          reviewedById: session.userId,
          reviewedAt: now,
          reason: reason ?? null,
        },
      });
      if (decision === "APPROVE") {
        await tx.serviceCentreProfile.update({
          where: { organizationId: decided.organizationId },
          data: { verifiedAt: now },
        });
      }
      await recordAudit(tx, {
        tenantId: decided.organizationId,
        actorId: session.userId,
        action: `service_centre.verification_${decision === "APPROVE" ? "approved" : "rejected"}`,
        subjectType: "service_centre_verification",
        subjectId: verificationId,
        details: { reason: reason ?? null },
      });
      return decided;
    });
    const [view] = await toVerificationViews([row]);
    return c.json(view!, 200);
  });

  async function getStaffViews(organizationId: string, userIds?: string[]) {
    const memberships = await db.prisma.membership.findMany({
      where: { organizationId, ...(userIds ? { userId: { in: userIds } } : {}) },
      include: { user: { select: { address: true } } },
      orderBy: { createdAt: "asc" },
    });
    const staff = await db.prisma.serviceStaff.findMany({ where: { organizationId } });
    const roleOf = new Map(staff.map((row) => [row.userId, row.role]));
    return memberships.map((membership) => ({
      userId: membership.userId,
      address: membership.user.address,
      role:
        roleOf.get(membership.userId) ??
        ({ ADMIN: "OWNER", EDITOR: "MANAGER", VIEWER: "RECEPTIONIST" } as const)[membership.role],
      createdAt: membership.createdAt.toISOString(),
    }));
  }

  /** Keeps the organization's membership role in step with the centre role (owners administer). */
  const membershipRoleFor = (role: z.infer<typeof StaffRoleSchema>) =>
    role === "OWNER" ? ("ADMIN" as const) : role === "MANAGER" ? ("EDITOR" as const) : ("VIEWER" as const);

  async function assertAnotherOwnerRemains(tx: Prisma.TransactionClient, organizationId: string, userId: string) {
    const owners = (await getStaffViews(organizationId)).filter((row) => row.role === "OWNER" && row.userId !== userId);
    if (owners.length === 0) throw new ConflictError("a centre keeps at least one owner");
    await tx.$executeRaw`select 1`;
  }

  app.openapi(r.listStaff, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getServiceStaffMember(c, services, organizationId, "view_calendar");
    return c.json({ items: await getStaffViews(organizationId) }, 200);
  });

  app.openapi(r.addStaff, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { address: rawAddress, role } = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_staff");
    const address = rawAddress.toLowerCase();
    const userId = await db.prisma.$transaction(async (tx) => {
      const user = await tx.user.upsert({ where: { address }, create: { address }, update: {} });
      await tx.membership.upsert({
        where: { organizationId_userId: { organizationId, userId: user.id } },
        create: { organizationId, userId: user.id, role: membershipRoleFor(role) },
        update: { role: membershipRoleFor(role) },
      });
      await tx.serviceStaff.upsert({
        where: { organizationId_userId: { organizationId, userId: user.id } },
        create: { organizationId, userId: user.id, role },
        update: { role },
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "service_staff.added",
        subjectType: "user",
        subjectId: user.id,
        details: { role },
      });
      return user.id;
    });
    const [view] = await getStaffViews(organizationId, [userId]);
    return c.json(view!, 201);
  });

  app.openapi(r.setStaffRole, async (c) => {
    const { organizationId, userId } = c.req.valid("param");
    const { role } = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_staff");
    await db.prisma.$transaction(async (tx) => {
      const membership = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId } },
      });
      if (!membership) throw new NotFoundError("employee");
      if (role !== "OWNER") await assertAnotherOwnerRemains(tx, organizationId, userId);
      await tx.membership.update({ where: { id: membership.id }, data: { role: membershipRoleFor(role) } });
      await tx.serviceStaff.upsert({
        where: { organizationId_userId: { organizationId, userId } },
        create: { organizationId, userId, role },
        update: { role },
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "service_staff.role_changed",
        subjectType: "user",
        subjectId: userId,
        details: { role },
      });
    });
    const [view] = await getStaffViews(organizationId, [userId]);
    return c.json(view!, 200);
  });

  app.openapi(r.removeStaff, async (c) => {
    const { organizationId, userId } = c.req.valid("param");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_staff");
    await db.prisma.$transaction(async (tx) => {
      const membership = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId } },
      });
      if (!membership) throw new NotFoundError("employee");
      await assertAnotherOwnerRemains(tx, organizationId, userId);
      await tx.membership.delete({ where: { id: membership.id } });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "service_staff.removed",
        subjectType: "user",
        subjectId: userId,
      });
    });
    return c.body(null, 204);
  });

  app.openapi(r.getSettings, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getServiceStaffMember(c, services, organizationId, "view_calendar");
    const settings = await db.prisma.serviceBookingSettings.findUnique({ where: { organizationId } });
    if (!settings) throw new NotFoundError("booking settings");
    return c.json(
      {
        timezone: settings.timezone,
        weeklyHours: settings.weeklyHours as WeeklyHours,
        slotMinutes: settings.slotMinutes,
        capacity: settings.capacity,
      },
      200,
    );
  });

  app.openapi(r.putSettings, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getServiceStaffMember(c, services, organizationId, "manage_centre");
    if (!isValidTimeZone(input.timezone)) throw new ValidationError(`unknown time zone ${input.timezone}`);
    const data = { ...input, weeklyHours: input.weeklyHours };
    await db.prisma.serviceBookingSettings.upsert({
      where: { organizationId },
      create: { organizationId, ...data },
      update: data,
    });
    return c.json(input, 200);
  });

  app.openapi(r.listHolidays, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getServiceStaffMember(c, services, organizationId, "view_calendar");
    const rows = await db.prisma.serviceHoliday.findMany({ where: { organizationId }, orderBy: { day: "asc" } });
    return c.json({ items: rows.map((row) => ({ day: row.day.toISOString().slice(0, 10), reason: row.reason })) }, 200);
  });

  app.openapi(r.addHoliday, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getServiceStaffMember(c, services, organizationId, "manage_bookings");
    const day = new Date(`${input.day}T00:00:00Z`);
    await db.prisma.serviceHoliday.upsert({
      where: { organizationId_day: { organizationId, day } },
      create: { organizationId, day, reason: input.reason ?? null },
      update: { reason: input.reason ?? null },
    });
    return c.json({ day: input.day, reason: input.reason ?? null }, 201);
  });

  app.openapi(r.removeHoliday, async (c) => {
    const { organizationId, day } = c.req.valid("param");
    await getServiceStaffMember(c, services, organizationId, "manage_bookings");
    const removed = await db.prisma.serviceHoliday.deleteMany({
      where: { organizationId, day: new Date(`${day}T00:00:00Z`) },
    });
    if (removed.count === 0) throw new NotFoundError("holiday");
    return c.body(null, 204);
  });

  app.openapi(r.listCatalogue, async (c) => {
    const { organizationId } = c.req.valid("param");
    const member = await getServiceStaffMember(c, services, organizationId, "view_catalogue");
    const showPrices = member.role !== "MECHANIC";
    return c.json({ items: await getCatalogueViews(organizationId, showPrices) }, 200);
  });

  app.openapi(r.addCatalogueItem, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getServiceStaffMember(c, services, organizationId, "manage_catalogue");
    const exists = await db.prisma.serviceCatalogueItem.findUnique({
      where: { tenantId_sku: { tenantId: organizationId, sku: input.sku } },
    });
    if (exists) throw new ConflictError(`SKU ${input.sku} is already in the catalogue`);
    const item = await db.prisma.serviceCatalogueItem.create({
      data: { ...input, tenantId: organizationId, unitPriceCents: BigInt(input.unitPriceCents) },
    });
    const [view] = await getCatalogueViews(organizationId, true, [item.id]);
    return c.json(view!, 201);
  });

  app.openapi(r.updateCatalogueItem, async (c) => {
    const { organizationId, itemId } = c.req.valid("param");
    const input = c.req.valid("json");
    await getServiceStaffMember(c, services, organizationId, "manage_catalogue");
    const item = await db.prisma.serviceCatalogueItem.findFirst({ where: { id: itemId, tenantId: organizationId } });
    if (!item) throw new NotFoundError("catalogue item");
    if (input.sku !== item.sku) {
      const clash = await db.prisma.serviceCatalogueItem.findUnique({
        where: { tenantId_sku: { tenantId: organizationId, sku: input.sku } },
      });
      if (clash) throw new ConflictError(`SKU ${input.sku} is already in the catalogue`);
    }
    await db.prisma.serviceCatalogueItem.update({
      where: { id: itemId },
      data: { ...input, unitPriceCents: BigInt(input.unitPriceCents) },
    });
    const [view] = await getCatalogueViews(organizationId, true, [itemId]);
    return c.json(view!, 200);
  });

  app.openapi(r.addInventory, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_catalogue");
    const item = await db.prisma.serviceCatalogueItem.findFirst({
      where: { id: input.catalogueItemId, tenantId: organizationId },
    });
    if (!item) throw new NotFoundError("catalogue item");
    if (item.kind === "LABOUR") throw new ValidationError("labour is not stocked");
    await db.prisma.inventoryTransaction.create({
      data: {
        tenantId: organizationId,
        catalogueItemId: item.id,
        kind: input.kind,
        quantity: input.quantity,
        note: input.note ?? null,
        createdById: member.userId,
      },
    });
    const [view] = await getCatalogueViews(organizationId, true, [item.id]);
    return c.json(view!, 201);
  });

  app.openapi(r.listLinks, async (c) => {
    const { organizationId } = c.req.valid("param");
    await getServiceStaffMember(c, services, organizationId, "view_all_work_orders");
    const rows = await db.prisma.serviceLink.findMany({
      where: { serviceOrgId: organizationId },
      orderBy: { requestedAt: "desc" },
      take: 500,
    });
    return c.json({ items: await toCentreLinkViews(rows) }, 200);
  });

  app.openapi(r.requestLink, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { publicId } = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "create_work_orders");
    requireVerified(member);
    const passport = await db.prisma.passport.findUnique({ where: { publicId }, select: { id: true } });
    const holder =
      passport && (await db.prisma.garageUnit.findFirst({ where: { passportId: passport.id, releasedAt: null } }));
    if (!passport || !holder) throw new NotFoundError("unit in an owner's garage");
    const existing = await db.prisma.serviceLink.findUnique({
      where: { passportId_serviceOrgId: { passportId: passport.id, serviceOrgId: organizationId } },
    });
    if (existing && ["PENDING", "ACTIVE"].includes(existing.status)) {
      throw new ConflictError(`the unit's link is already ${existing.status}`);
    }
    const link = await db.prisma.serviceLink.upsert({
      where: { passportId_serviceOrgId: { passportId: passport.id, serviceOrgId: organizationId } },
      create: {
        tenantId: holder.tenantId,
        passportId: passport.id,
        serviceOrgId: organizationId,
        status: "PENDING",
        method: "INVITE",
      },
      update: {
        tenantId: holder.tenantId,
        status: "PENDING",
        method: "INVITE",
        requestedAt: new Date(),
        decidedAt: null,
        revokedAt: null,
      },
    });
    const [view] = await toCentreLinkViews([link]);
    return c.json(view!, 201);
  });

  app.openapi(r.redeemCode, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { code } = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "create_work_orders");
    requireVerified(member);
    const link = await db.prisma.$transaction(async (tx) => {
      const now = new Date();
      const used = await tx.serviceAccessCode.updateManyAndReturn({
        where: { codeHash: hashAccessCode(code), usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now, usedByOrgId: organizationId },
      });
      const accessCode = used[0];
      if (!accessCode) throw new NotFoundError("valid access code");
      const linked = await tx.serviceLink.upsert({
        where: { passportId_serviceOrgId: { passportId: accessCode.passportId, serviceOrgId: organizationId } },
        create: {
          tenantId: accessCode.tenantId,
          passportId: accessCode.passportId,
          serviceOrgId: organizationId,
          status: "ACTIVE",
          method: "ACCESS_CODE",
          decidedAt: now,
        },
        update: {
          tenantId: accessCode.tenantId,
          status: "ACTIVE",
          method: "ACCESS_CODE",
          decidedAt: now,
          revokedAt: null,
        },
      });
      await recordAudit(tx, {
        tenantId: accessCode.tenantId,
        actorId: member.userId,
        action: "service_link.code_redeemed",
        subjectType: "service_link",
        subjectId: linked.id,
        details: { serviceOrgId: organizationId },
      });
      return linked;
    });
    const [view] = await toCentreLinkViews([link]);
    return c.json(view!, 201);
  });

  return app;
}

/** The slots of a centre between two instants, with the appointments that hold places. */
export async function getCentreSlots(
  services: AppServices,
  organizationId: string,
  settings: { timezone: string; weeklyHours: unknown; slotMinutes: number; capacity: number },
  from: Date,
  to: Date,
) {
  const { db } = services;
  // Kysely, not Prisma: the availability read is hot and its appointments many (see Database.ts).
  const [holidays, appointments] = await Promise.all([
    db.sql
      .selectFrom("service_holiday")
      .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day"))
      .where("organization_id", "=", organizationId)
      .where("day", ">=", new Date(from.getTime() - 86_400_000))
      .where("day", "<=", new Date(to.getTime() + 86_400_000))
      .execute(),
    db.sql
      .selectFrom("service_appointment")
      .select(["starts_at as startsAt", "ends_at as endsAt"])
      .where("tenant_id", "=", organizationId)
      .where("status", "in", ["REQUESTED", "CONFIRMED", "CONVERTED"])
      .where("starts_at", "<", to)
      .where("ends_at", ">", from)
      .execute(),
  ]);
  return getAvailability(
    {
      timezone: settings.timezone,
      weeklyHours: settings.weeklyHours as WeeklyHours,
      slotMinutes: settings.slotMinutes,
      capacity: settings.capacity,
      holidays: new Set(holidays.map((holiday) => holiday.day)),
    },
    appointments,
    from,
    to,
  );
}
