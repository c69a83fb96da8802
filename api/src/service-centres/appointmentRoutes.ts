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
import { type Notified, notify } from "../notifications/notify.ts";
import { UnitParamsSchema } from "../owners/garageRoutes.ts";
import { getOwnerOrganizationId } from "../owners/getOwnerOrganizationId.ts";
import { getUnitAccess } from "../owners/UnitAccess.ts";
import { getAvailability, type WeeklyHours } from "./getAvailability.ts";
import { CentreParamsSchema } from "./ServiceCentreSchemas.ts";
import { getServiceStaffMember } from "./ServiceStaffMember.ts";

const AppointmentSchema = z
  .object({
    id: z.string().uuid(),
    serviceOrgId: z.string().uuid(),
    serviceName: z.string(),
    passportId: z.string().uuid(),
    publicId: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    status: z.enum(["REQUESTED", "CONFIRMED", "DECLINED", "CANCELLED", "CONVERTED"]),
    note: z.string().nullable(),
    workOrderId: z.string().nullable(),
  })
  .openapi("ServiceAppointment");

const BookingInputSchema = z
  .object({
    serviceOrgId: z.string().uuid(),
    startsAt: z.string().datetime({ offset: true }),
    note: z.string().trim().max(2000).optional(),
  })
  .openapi("ServiceBookingInput", {
    example: {
      serviceOrgId: "00000000-0000-4000-8000-000000000002",
      startsAt: "2026-12-07T08:00:00Z",
      note: "Annual service",
    },
  });

const DecisionSchema = z
  .object({ decision: z.enum(["CONFIRM", "DECLINE"]) })
  .openapi("AppointmentDecision", { example: { decision: "CONFIRM" } });

const AppointmentParams = CentreParamsSchema.extend({ appointmentId: z.string().uuid() });
const UnitAppointmentParams = UnitParamsSchema.extend({ appointmentId: z.string().uuid() });

const r = {
  book: createRoute({
    method: "post",
    path: "/units/{passportId}/appointments",
    tags: ["bookings"],
    summary: "Book a free slot at a verified centre; booking connects the unit to the centre",
    security: SESSION_SECURITY,
    request: { params: UnitParamsSchema, body: jsonBody(BookingInputSchema) },
    responses: { 201: jsonResponse(AppointmentSchema, "The booking"), ...problemResponses(401, 404, 409, 422) },
  }),
  cancel: createRoute({
    method: "post",
    path: "/units/{passportId}/appointments/{appointmentId}/cancellation",
    tags: ["bookings"],
    summary: "Cancel a booking that has not become a visit",
    security: SESSION_SECURITY,
    request: { params: UnitAppointmentParams },
    responses: { 200: jsonResponse(AppointmentSchema, "The booking"), ...problemResponses(401, 404, 409, 422) },
  }),
  mine: createRoute({
    method: "get",
    path: "/garage/appointments",
    tags: ["bookings"],
    summary: "My bookings across my units, soonest first",
    security: SESSION_SECURITY,
    responses: {
      200: jsonResponse(z.object({ items: z.array(AppointmentSchema) }), "Bookings"),
      ...problemResponses(401),
    },
  }),
  calendar: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/service/appointments",
    tags: ["bookings"],
    summary: "The centre's calendar between two instants",
    security: SESSION_SECURITY,
    request: {
      params: CentreParamsSchema,
      query: z.object({
        from: z.string().datetime({ offset: true }).optional().openapi({ description: "Default: now" }),
        to: z.string().datetime({ offset: true }).optional().openapi({ description: "Default: 7 days after from" }),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(AppointmentSchema) }), "Appointments"),
      ...problemResponses(401, 403, 422),
    },
  }),
  decide: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/service/appointments/{appointmentId}/decision",
    tags: ["bookings"],
    summary: "Confirm or decline a booking request",
    security: SESSION_SECURITY,
    request: { params: AppointmentParams, body: jsonBody(DecisionSchema) },
    responses: {
      200: jsonResponse(AppointmentSchema, "The appointment"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
};

export function appointmentRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function toViews(rows: Array<Awaited<ReturnType<typeof db.prisma.serviceAppointment.findFirstOrThrow>>>) {
    const [centres, passports, orders] = await Promise.all([
      db.prisma.organization.findMany({
        where: { id: { in: rows.map((row) => row.tenantId) } },
        select: { id: true, name: true },
      }),
      db.prisma.passport.findMany({
        where: { id: { in: rows.map((row) => row.passportId) } },
        select: { id: true, publicId: true },
      }),
      db.prisma.workOrder.findMany({
        where: { appointmentId: { in: rows.map((row) => row.id) } },
        select: { id: true, appointmentId: true },
      }),
    ]);
    const nameOf = new Map(centres.map((centre) => [centre.id, centre.name]));
    const publicIdOf = new Map(passports.map((passport) => [passport.id, passport.publicId]));
    const orderOf = new Map(orders.map((order) => [order.appointmentId, order.id]));
    return rows.map((row) => ({
      id: row.id,
      serviceOrgId: row.tenantId,
      serviceName: nameOf.get(row.tenantId) ?? "",
      passportId: row.passportId,
      publicId: publicIdOf.get(row.passportId) ?? "",
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      status: row.status,
      note: row.note,
      workOrderId: orderOf.get(row.id) ?? null,
    }));
  }

  app.openapi(r.book, async (c) => {
    const { passportId } = c.req.valid("param");
    const input = c.req.valid("json");
    const access = await getUnitAccess(c, services, passportId, "BOOK_SERVICE");
    const startsAt = new Date(input.startsAt);
    if (startsAt.getTime() <= Date.now()) throw new ValidationError("a booking starts in the future");
    let notified: Notified = { notificationIds: [], deliveryIds: [] };
    const appointment = await db.prisma.$transaction(async (tx) => {
      // One booking at a time per centre: the count of taken places cannot race.
      const [settings] = await tx.$queryRaw<
        Array<{ timezone: string; weekly_hours: WeeklyHours; slot_minutes: number; capacity: number }>
      >`
        select s.timezone, s.weekly_hours, s.slot_minutes, s.capacity
          from app.service_booking_settings s join app.service_centre_profile p on p.organization_id = s.organization_id
         where s.organization_id = ${input.serviceOrgId}::uuid and p.verified_at is not null for update of s`;
      if (!settings) throw new NotFoundError("bookable service centre");
      const endsAt = new Date(startsAt.getTime() + settings.slot_minutes * 60_000);
      const holidays = await tx.serviceHoliday.findMany({
        where: {
          organizationId: input.serviceOrgId,
          day: { gte: new Date(startsAt.getTime() - 86_400_000), lte: endsAt },
        },
        select: { day: true },
      });
      const taken = await tx.serviceAppointment.findMany({
        where: {
          tenantId: input.serviceOrgId,
          status: { in: ["REQUESTED", "CONFIRMED", "CONVERTED"] },
          startsAt: { lt: endsAt },
          endsAt: { gt: startsAt },
        },
        select: { startsAt: true, endsAt: true },
      });
      const [slot] = getAvailability(
        {
          timezone: settings.timezone,
          weeklyHours: settings.weekly_hours,
          slotMinutes: settings.slot_minutes,
          capacity: settings.capacity,
          holidays: new Set(holidays.map((holiday) => holiday.day.toISOString().slice(0, 10))),
        },
        taken,
        startsAt,
        new Date(startsAt.getTime() + 1),
      );
      if (!slot || slot.startsAt.getTime() !== startsAt.getTime()) {
        throw new ValidationError("the centre has no slot starting then (closed, a holiday, or not a slot boundary)");
      }
      if (slot.free === 0) throw new ConflictError("the slot is fully booked");
      const created = await tx.serviceAppointment.create({
        data: {
          tenantId: input.serviceOrgId,
          ownerOrgId: access.ownerOrgId,
          passportId,
          requestedById: access.userId,
          startsAt,
          endsAt,
          note: input.note ?? null,
        },
      });
      const link = await tx.serviceLink.findUnique({
        where: { passportId_serviceOrgId: { passportId, serviceOrgId: input.serviceOrgId } },
      });
      if (link?.status !== "ACTIVE") {
        const now = new Date();
        await tx.serviceLink.upsert({
          where: { passportId_serviceOrgId: { passportId, serviceOrgId: input.serviceOrgId } },
          create: {
            tenantId: access.ownerOrgId,
            passportId,
            serviceOrgId: input.serviceOrgId,
            status: "ACTIVE",
            method: "BOOKING",
            decidedAt: now,
          },
          update: { tenantId: access.ownerOrgId, status: "ACTIVE", method: "BOOKING", decidedAt: now, revokedAt: null },
        });
      }
      notified = await notify(tx, {
        tenantId: input.serviceOrgId,
        kind: "appointment.requested",
        title: "New booking request",
        body: `A unit is booked for ${startsAt.toISOString()}`,
        payload: { appointmentId: created.id, passportId },
        idempotencyKey: `appointment.requested:${created.id}`,
      });
      return created;
    });
    await services.serviceOutbox?.afterNotify(notified);
    const [view] = await toViews([appointment]);
    return c.json(view!, 201);
  });

  app.openapi(r.cancel, async (c) => {
    const { passportId, appointmentId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "BOOK_SERVICE");
    const updated = await db.prisma.serviceAppointment.updateManyAndReturn({
      where: {
        id: appointmentId,
        passportId,
        ownerOrgId: access.ownerOrgId,
        status: { in: ["REQUESTED", "CONFIRMED"] },
      },
      data: { status: "CANCELLED" },
    });
    const row = updated[0];
    if (!row) {
      const exists = await db.prisma.serviceAppointment.findFirst({
        where: { id: appointmentId, passportId, ownerOrgId: access.ownerOrgId },
      });
      if (!exists) throw new NotFoundError("appointment");
      throw new ConflictError(`a ${exists.status} appointment cannot be cancelled`);
    }
    const [view] = await toViews([row]);
    return c.json(view!, 200);
  });

  app.openapi(r.mine, async (c) => {
    const session = getSession(c);
    const ownerOrgId = await getOwnerOrganizationId(db.prisma, session.userId);
    const rows = await db.prisma.serviceAppointment.findMany({
      where: { ownerOrgId },
      orderBy: { startsAt: "asc" },
      take: 500,
    });
    return c.json({ items: await toViews(rows) }, 200);
  });

  app.openapi(r.calendar, async (c) => {
    const { organizationId } = c.req.valid("param");
    const query = c.req.valid("query");
    await getServiceStaffMember(c, services, organizationId, "view_calendar");
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + 7 * 86_400_000);
    if (to <= from || to.getTime() - from.getTime() > 92 * 86_400_000) {
      throw new ValidationError("to must be after from and at most 92 days later");
    }
    const rows = await db.prisma.serviceAppointment.findMany({
      where: { tenantId: organizationId, startsAt: { lt: to }, endsAt: { gt: from } },
      orderBy: { startsAt: "asc" },
      take: 5000,
    });
    return c.json({ items: await toViews(rows) }, 200);
  });

  app.openapi(r.decide, async (c) => {
    const { organizationId, appointmentId } = c.req.valid("param");
    const { decision } = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "manage_bookings");
    let notified: Notified = { notificationIds: [], deliveryIds: [] };
    const row = await db.prisma.$transaction(async (tx) => {
      const current = await tx.serviceAppointment.findFirst({ where: { id: appointmentId, tenantId: organizationId } });
      if (!current) throw new NotFoundError("appointment");
      if (current.status !== "REQUESTED") throw new ConflictError(`a ${current.status} appointment cannot be decided`);
      const status = decision === "CONFIRM" ? "CONFIRMED" : "DECLINED";
      const updated = await tx.serviceAppointment.update({ where: { id: appointmentId }, data: { status } });
      notified = await notify(tx, {
        tenantId: current.ownerOrgId,
        kind: `appointment.${status.toLowerCase()}`,
        title: `Your booking for ${current.startsAt.toISOString()} is ${status.toLowerCase()}`,
        body: "",
        payload: { appointmentId, passportId: current.passportId },
        idempotencyKey: `appointment.${status.toLowerCase()}:${appointmentId}`,
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: `appointment.${status.toLowerCase()}`,
        subjectType: "service_appointment",
        subjectId: appointmentId,
      });
      return updated;
    });
    await services.serviceOutbox?.afterNotify(notified);
    const [view] = await toViews([row]);
    return c.json(view!, 200);
  });

  return app;
}
