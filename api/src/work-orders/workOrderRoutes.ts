import { createRoute, z } from "@hono/zod-openapi";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { WorkOrderStatus } from "../../generated/prisma/enums.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { type Notified, notify } from "../notifications/notify.ts";
import { CentreParamsSchema } from "../service-centres/ServiceCentreSchemas.ts";
import {
  getServiceStaffMember,
  requireVerified,
  type ServiceStaffMember,
  staffRolePermits,
} from "../service-centres/ServiceStaffMember.ts";
import { completeWorkOrder } from "./completeWorkOrder.ts";
import {
  CompletionInputSchema,
  CorrectionInputSchema,
  CorrectionSchema,
  LabourInputSchema,
  PartInputSchema,
  StatusMoveSchema,
  WorkOrderCreateSchema,
  WorkOrderDetailSchema,
  WorkOrderLineParamsSchema,
  WorkOrderParamsSchema,
  WorkOrderStatusSchema,
  WorkOrderSummarySchema,
  WorkOrderUpdateSchema,
} from "./WorkOrderSchemas.ts";
import { assertStatusMove, EDITABLE_STATUSES } from "./WorkOrderStatusMachine.ts";
import { getLabourAmountCents, getPartAmountCents, getWorkOrderTotals } from "./WorkOrderTotals.ts";

const tags = ["work orders"];
const base = "/organizations/{organizationId}/service/work-orders";

const r = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "The work-order board (a mechanic sees the orders assigned to them)",
    security: SESSION_SECURITY,
    request: {
      params: CentreParamsSchema,
      query: z.object({
        status: WorkOrderStatusSchema.optional(),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ items: z.array(WorkOrderSummarySchema) }), "Work orders"),
      ...problemResponses(401, 403),
    },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Open a work order for a connected unit, or from a confirmed appointment (which becomes the visit)",
    security: SESSION_SECURITY,
    request: { params: CentreParamsSchema, body: jsonBody(WorkOrderCreateSchema) },
    responses: {
      201: jsonResponse(WorkOrderDetailSchema, "The work order"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{workOrderId}`,
    tags,
    summary: "A work order with its lines, totals, status history, record and corrections",
    security: SESSION_SECURITY,
    request: { params: WorkOrderParamsSchema },
    responses: { 200: jsonResponse(WorkOrderDetailSchema, "The work order"), ...problemResponses(401, 403, 404) },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{workOrderId}`,
    tags,
    summary: "Change the complaint or the assigned mechanic",
    security: SESSION_SECURITY,
    request: { params: WorkOrderParamsSchema, body: jsonBody(WorkOrderUpdateSchema) },
    responses: {
      200: jsonResponse(WorkOrderDetailSchema, "The work order"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  move: createRoute({
    method: "post",
    path: `${base}/{workOrderId}/status`,
    tags,
    summary: "Move the work order along its status machine (completion has its own route)",
    security: SESSION_SECURITY,
    request: { params: WorkOrderParamsSchema, body: jsonBody(StatusMoveSchema) },
    responses: {
      200: jsonResponse(WorkOrderDetailSchema, "The work order"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  addLabour: createRoute({
    method: "post",
    path: `${base}/{workOrderId}/labour`,
    tags,
    summary: "Add labour, optionally from the catalogue, with its next-service interval",
    security: SESSION_SECURITY,
    request: { params: WorkOrderParamsSchema, body: jsonBody(LabourInputSchema) },
    responses: {
      201: jsonResponse(WorkOrderDetailSchema, "The work order"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  removeLabour: createRoute({
    method: "delete",
    path: `${base}/{workOrderId}/labour/{lineId}`,
    tags,
    summary: "Remove a labour line",
    security: SESSION_SECURITY,
    request: { params: WorkOrderLineParamsSchema },
    responses: { 200: jsonResponse(WorkOrderDetailSchema, "The work order"), ...problemResponses(401, 403, 404, 409) },
  }),
  addPart: createRoute({
    method: "post",
    path: `${base}/{workOrderId}/parts`,
    tags,
    summary: "Add a part, fluid or material from the catalogue at its current price",
    security: SESSION_SECURITY,
    request: { params: WorkOrderParamsSchema, body: jsonBody(PartInputSchema) },
    responses: {
      201: jsonResponse(WorkOrderDetailSchema, "The work order"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  removePart: createRoute({
    method: "delete",
    path: `${base}/{workOrderId}/parts/{lineId}`,
    tags,
    summary: "Remove a part line",
    security: SESSION_SECURITY,
    request: { params: WorkOrderLineParamsSchema },
    responses: { 200: jsonResponse(WorkOrderDetailSchema, "The work order"), ...problemResponses(401, 403, 404, 409) },
  }),
  complete: createRoute({
    method: "post",
    path: `${base}/{workOrderId}/completion`,
    tags,
    summary:
      "Complete: in one transaction the immutable service record, the unit's entries and usage, recommendations, inventory, notification and audit; the repair then goes on chain from the outbox",
    security: SESSION_SECURITY,
    request: { params: WorkOrderParamsSchema, body: jsonBody(CompletionInputSchema) },
    responses: {
      200: jsonResponse(WorkOrderDetailSchema, "The completed work order"),
      ...problemResponses(401, 403, 404, 409, 422),
    },
  }),
  requestCorrection: createRoute({
    method: "post",
    path: `${base}/{workOrderId}/corrections`,
    tags,
    summary: "Ask the owner to accept a correction of a completed work order (the record itself never changes)",
    security: SESSION_SECURITY,
    request: { params: WorkOrderParamsSchema, body: jsonBody(CorrectionInputSchema) },
    responses: { 201: jsonResponse(CorrectionSchema, "The request"), ...problemResponses(401, 403, 404, 409, 422) },
  }),
};

export function toCorrectionView(row: {
  id: string;
  workOrderId: string;
  reason: string;
  changes: unknown;
  status: "REQUESTED" | "ACCEPTED" | "REJECTED";
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}) {
  return {
    id: row.id,
    workOrderId: row.workOrderId,
    reason: row.reason,
    changes: row.changes as Record<string, unknown>,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
  };
}

export function workOrderRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function getOrder(member: ServiceStaffMember, workOrderId: string) {
    const order = await db.prisma.workOrder.findFirst({ where: { id: workOrderId, tenantId: member.organizationId } });
    if (!order) throw new NotFoundError("work order");
    if (!staffRolePermits(member.role, "view_all_work_orders") && order.assignedUserId !== member.userId) {
      throw new NotFoundError("work order");
    }
    return order;
  }

  async function getDetail(member: ServiceStaffMember, workOrderId: string) {
    const order = await getOrder(member, workOrderId);
    const showPrices = staffRolePermits(member.role, "view_prices");
    const [labour, parts, history, record, corrections, passport] = await Promise.all([
      db.prisma.workOrderLabour.findMany({ where: { workOrderId }, orderBy: { createdAt: "asc" } }),
      db.prisma.workOrderPart.findMany({ where: { workOrderId }, orderBy: { createdAt: "asc" } }),
      db.prisma.workOrderStatusChange.findMany({ where: { workOrderId }, orderBy: { id: "asc" } }),
      db.prisma.serviceRecord.findUnique({ where: { workOrderId }, select: { id: true, formHash: true } }),
      db.prisma.workOrderCorrection.findMany({ where: { workOrderId }, orderBy: { createdAt: "asc" } }),
      db.prisma.passport.findUniqueOrThrow({
        where: { id: order.passportId },
        select: { publicId: true, model: { select: { name: true } } },
      }),
    ]);
    const anchor = record ? await db.prisma.repairAnchor.findUnique({ where: { serviceRecordId: record.id } }) : null;
    const labourLines = labour.map((line) => ({ hours: Number(line.hours), rateCents: Number(line.rateCents) }));
    const partLines = parts.map((line) => ({
      quantity: Number(line.quantity),
      unitPriceCents: Number(line.unitPriceCents),
    }));
    const totals = getWorkOrderTotals(labourLines, partLines);
    return {
      id: order.id,
      number: order.number,
      status: order.status,
      passportId: order.passportId,
      publicId: passport.publicId,
      unitName: passport.model.name,
      appointmentId: order.appointmentId,
      assignedUserId: order.assignedUserId,
      complaint: order.complaint,
      totalCents: showPrices ? totals.totalCents : null,
      currency: order.currency,
      createdAt: order.createdAt.toISOString(),
      completedAt: order.completedAt?.toISOString() ?? null,
      usageAtIntake: order.usageAtIntake === null ? null : Number(order.usageAtIntake),
      labour: labour.map((line, index) => ({
        id: line.id,
        description: line.description,
        hours: labourLines[index]!.hours,
        rateCents: showPrices ? labourLines[index]!.rateCents : null,
        amountCents: showPrices ? getLabourAmountCents(labourLines[index]!) : null,
        nextServiceMonths: line.nextServiceMonths,
        nextServiceUsage: line.nextServiceUsage === null ? null : Number(line.nextServiceUsage),
      })),
      parts: parts.map((line, index) => ({
        id: line.id,
        catalogueItemId: line.catalogueItemId,
        sku: line.sku,
        name: line.name,
        kind: line.kind,
        unit: line.unit,
        quantity: partLines[index]!.quantity,
        unitPriceCents: showPrices ? partLines[index]!.unitPriceCents : null,
        amountCents: showPrices ? getPartAmountCents(partLines[index]!) : null,
      })),
      totals: showPrices ? totals : null,
      history: history.map((row) => ({
        from: row.fromStatus,
        to: row.toStatus,
        at: row.changedAt.toISOString(),
        note: row.note,
      })),
      serviceRecord: record
        ? {
            id: record.id,
            formHash: record.formHash,
            anchor: {
              status: anchor?.status ?? "PENDING",
              transactionHash: anchor?.transactionHash ?? null,
              repairId: anchor?.repairId ?? null,
              lastError: anchor?.lastError ?? null,
            },
          }
        : null,
      corrections: corrections.map(toCorrectionView),
    };
  }

  /** Runs `change` on an editable order, locked, and records who did it. */
  async function editOrder(
    member: ServiceStaffMember,
    workOrderId: string,
    change: (
      tx: Prisma.TransactionClient,
      order: { id: string; status: WorkOrderStatus; tenantId: string },
    ) => Promise<void>,
  ) {
    await getOrder(member, workOrderId);
    await db.prisma.$transaction(async (tx) => {
      const [order] = await tx.$queryRaw<Array<{ id: string; status: WorkOrderStatus; tenant_id: string }>>`
        select id, status::text as status, tenant_id from app.work_order
         where id = ${workOrderId}::uuid and tenant_id = ${member.organizationId}::uuid for update`;
      if (!order) throw new NotFoundError("work order");
      if (!EDITABLE_STATUSES.includes(order.status))
        throw new ConflictError(`a ${order.status} work order cannot change`);
      await change(tx, { id: order.id, status: order.status, tenantId: order.tenant_id });
      await tx.workOrder.update({ where: { id: order.id }, data: { updatedAt: new Date() } });
    });
  }

  async function assertAssignable(organizationId: string, userId: string | null | undefined) {
    if (!userId) return;
    const membership = await db.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId } },
    });
    if (!membership) throw new ValidationError("the assigned user is not an employee of this centre");
  }

  app.openapi(r.list, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { status, limit } = c.req.valid("query");
    const member = await getServiceStaffMember(c, services, organizationId, "work_on_work_orders").catch(
      async (error) => {
        // Receptionists see the board without working on orders.
        if (error instanceof ForbiddenError)
          return getServiceStaffMember(c, services, organizationId, "view_all_work_orders");
        throw error;
      },
    );
    const onlyMine = !staffRolePermits(member.role, "view_all_work_orders");
    const orders = await db.prisma.workOrder.findMany({
      where: {
        tenantId: organizationId,
        ...(status ? { status } : {}),
        ...(onlyMine ? { assignedUserId: member.userId } : {}),
      },
      orderBy: [{ createdAt: "desc" }],
      take: limit,
    });
    const ids = orders.map((order) => order.id);
    const [passports, labour, parts] = await Promise.all([
      db.prisma.passport.findMany({
        where: { id: { in: orders.map((order) => order.passportId) } },
        select: { id: true, publicId: true, model: { select: { name: true } } },
      }),
      db.prisma.workOrderLabour.findMany({
        where: { workOrderId: { in: ids } },
        select: { workOrderId: true, hours: true, rateCents: true },
      }),
      db.prisma.workOrderPart.findMany({
        where: { workOrderId: { in: ids } },
        select: { workOrderId: true, quantity: true, unitPriceCents: true },
      }),
    ]);
    const passportOf = new Map(passports.map((passport) => [passport.id, passport]));
    const showPrices = staffRolePermits(member.role, "view_prices");
    return c.json(
      {
        items: orders.map((order) => {
          const total = getWorkOrderTotals(
            labour
              .filter((line) => line.workOrderId === order.id)
              .map((line) => ({ hours: Number(line.hours), rateCents: Number(line.rateCents) })),
            parts
              .filter((line) => line.workOrderId === order.id)
              .map((line) => ({ quantity: Number(line.quantity), unitPriceCents: Number(line.unitPriceCents) })),
          ).totalCents;
          return {
            id: order.id,
            number: order.number,
            status: order.status,
            passportId: order.passportId,
            publicId: passportOf.get(order.passportId)?.publicId ?? "",
            unitName: passportOf.get(order.passportId)?.model.name ?? "",
            appointmentId: order.appointmentId,
            assignedUserId: order.assignedUserId,
            complaint: order.complaint,
            totalCents: showPrices ? total : null,
            currency: order.currency,
            createdAt: order.createdAt.toISOString(),
            completedAt: order.completedAt?.toISOString() ?? null,
          };
        }),
      },
      200,
    );
  });

  app.openapi(r.create, async (c) => {
    const { organizationId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "create_work_orders");
    requireVerified(member);
    await assertAssignable(organizationId, input.assignedUserId);
    const profile = await db.prisma.serviceCentreProfile.findUnique({
      where: { organizationId },
      select: { currency: true },
    });
    const id = await db.prisma.$transaction(async (tx) => {
      let passportId = input.passportId;
      let appointmentId: string | null = null;
      if (input.appointmentId) {
        const [appointment] = await tx.$queryRaw<Array<{ passport_id: string; status: string }>>`
          select passport_id, status::text as status from app.service_appointment
           where id = ${input.appointmentId}::uuid and tenant_id = ${organizationId}::uuid for update`;
        if (!appointment) throw new NotFoundError("appointment");
        if (appointment.status !== "CONFIRMED" && appointment.status !== "REQUESTED") {
          throw new ConflictError(`a ${appointment.status} appointment cannot become a visit`);
        }
        await tx.serviceAppointment.update({ where: { id: input.appointmentId }, data: { status: "CONVERTED" } });
        passportId = appointment.passport_id;
        appointmentId = input.appointmentId;
      }
      const link = await tx.serviceLink.findUnique({
        where: { passportId_serviceOrgId: { passportId: passportId!, serviceOrgId: organizationId } },
      });
      if (link?.status !== "ACTIVE") throw new NotFoundError("unit connected to this centre");
      const holder = await tx.garageUnit.findFirst({ where: { passportId: passportId!, releasedAt: null } });
      if (!holder || holder.tenantId !== link.tenantId) throw new NotFoundError("unit connected to this centre");
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`work-order-number:${organizationId}`}))`;
      const last = await tx.workOrder.aggregate({ where: { tenantId: organizationId }, _max: { number: true } });
      const order = await tx.workOrder.create({
        data: {
          tenantId: organizationId,
          number: (last._max.number ?? 0) + 1,
          passportId: passportId!,
          ownerOrgId: holder.tenantId,
          appointmentId,
          assignedUserId: input.assignedUserId ?? null,
          complaint: input.complaint ?? null,
          usageAtIntake: input.usageAtIntake ?? null,
          currency: profile?.currency ?? "EUR",
          createdById: member.userId,
          status: appointmentId ? "ACCEPTED" : "REQUESTED",
        },
      });
      await tx.workOrderStatusChange.create({
        data: { tenantId: organizationId, workOrderId: order.id, toStatus: order.status, changedById: member.userId },
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "work_order.opened",
        subjectType: "work_order",
        subjectId: order.id,
        details: { passportId: passportId!, appointmentId },
      });
      return order.id;
    });
    return c.json(await getDetail(member, id), 201);
  });

  app.openapi(r.get, async (c) => {
    const { organizationId, workOrderId } = c.req.valid("param");
    const member = await getServiceStaffMember(c, services, organizationId, "view_catalogue");
    c.header("cache-control", "no-store");
    return c.json(await getDetail(member, workOrderId), 200);
  });

  app.openapi(r.update, async (c) => {
    const { organizationId, workOrderId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "create_work_orders");
    await assertAssignable(organizationId, input.assignedUserId);
    await editOrder(member, workOrderId, async (tx, order) => {
      await tx.workOrder.update({
        where: { id: order.id },
        data: {
          ...(input.complaint !== undefined ? { complaint: input.complaint } : {}),
          ...(input.assignedUserId !== undefined ? { assignedUserId: input.assignedUserId } : {}),
        },
      });
    });
    return c.json(await getDetail(member, workOrderId), 200);
  });

  app.openapi(r.move, async (c) => {
    const { organizationId, workOrderId } = c.req.valid("param");
    const { to, note } = c.req.valid("json");
    const capability = to === "ACCEPTED" || to === "CANCELLED" ? "create_work_orders" : "work_on_work_orders";
    const member = await getServiceStaffMember(c, services, organizationId, capability);
    await editOrder(member, workOrderId, async (tx, order) => {
      assertStatusMove(order.status, to);
      await tx.workOrder.update({ where: { id: order.id }, data: { status: to } });
      await tx.workOrderStatusChange.create({
        data: {
          tenantId: organizationId,
          workOrderId,
          fromStatus: order.status,
          toStatus: to,
          changedById: member.userId,
          note: note ?? null,
        },
      });
    });
    return c.json(await getDetail(member, workOrderId), 200);
  });

  app.openapi(r.addLabour, async (c) => {
    const { organizationId, workOrderId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "work_on_work_orders");
    let rateCents = input.rateCents;
    if (input.catalogueItemId) {
      const item = await db.prisma.serviceCatalogueItem.findFirst({
        where: { id: input.catalogueItemId, tenantId: organizationId },
      });
      if (item?.kind !== "LABOUR") throw new NotFoundError("labour item in the catalogue");
      rateCents = Number(item.unitPriceCents);
    }
    if (rateCents === undefined) throw new ValidationError("labour needs a rate or a catalogue item");
    if (rateCents !== undefined && input.rateCents !== undefined && !staffRolePermits(member.role, "view_prices")) {
      throw new ForbiddenError("a mechanic takes rates from the catalogue");
    }
    await editOrder(member, workOrderId, async (tx) => {
      await tx.workOrderLabour.create({
        data: {
          tenantId: organizationId,
          workOrderId,
          catalogueItemId: input.catalogueItemId ?? null,
          description: input.description,
          hours: input.hours,
          rateCents: BigInt(rateCents!),
          nextServiceMonths: input.nextServiceMonths ?? null,
          nextServiceUsage: input.nextServiceUsage ?? null,
        },
      });
    });
    return c.json(await getDetail(member, workOrderId), 201);
  });

  app.openapi(r.removeLabour, async (c) => {
    const { organizationId, workOrderId, lineId } = c.req.valid("param");
    const member = await getServiceStaffMember(c, services, organizationId, "work_on_work_orders");
    await editOrder(member, workOrderId, async (tx) => {
      const removed = await tx.workOrderLabour.deleteMany({
        where: { id: lineId, workOrderId, tenantId: organizationId },
      });
      if (removed.count === 0) throw new NotFoundError("labour line");
    });
    return c.json(await getDetail(member, workOrderId), 200);
  });

  app.openapi(r.addPart, async (c) => {
    const { organizationId, workOrderId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "work_on_work_orders");
    const item = await db.prisma.serviceCatalogueItem.findFirst({
      where: { id: input.catalogueItemId, tenantId: organizationId },
    });
    if (!item || item.kind === "LABOUR") throw new NotFoundError("part, fluid or material in the catalogue");
    if (!item.isActive) throw new ConflictError(`${item.sku} is no longer offered`);
    await editOrder(member, workOrderId, async (tx) => {
      await tx.workOrderPart.create({
        data: {
          tenantId: organizationId,
          workOrderId,
          catalogueItemId: item.id,
          sku: item.sku,
          name: item.name,
          kind: item.kind,
          unit: item.unit,
          quantity: input.quantity,
          unitPriceCents: item.unitPriceCents,
        },
      });
    });
    return c.json(await getDetail(member, workOrderId), 201);
  });

  app.openapi(r.removePart, async (c) => {
    const { organizationId, workOrderId, lineId } = c.req.valid("param");
    const member = await getServiceStaffMember(c, services, organizationId, "work_on_work_orders");
    await editOrder(member, workOrderId, async (tx) => {
      const removed = await tx.workOrderPart.deleteMany({
        where: { id: lineId, workOrderId, tenantId: organizationId },
      });
      if (removed.count === 0) throw new NotFoundError("part line");
    });
    return c.json(await getDetail(member, workOrderId), 200);
  });

  app.openapi(r.complete, async (c) => {
    const { organizationId, workOrderId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "complete_work_orders");
    await getOrder(member, workOrderId);
    const result = await completeWorkOrder(db, {
      tenantId: organizationId,
      workOrderId,
      userId: member.userId,
      usageValue: input.usageValue,
      decision: input.decision,
      summary: input.summary,
    });
    await services.serviceOutbox?.afterCompletion(result);
    await services.serviceOutbox?.afterNotify(result.notified);
    return c.json(await getDetail(member, workOrderId), 200);
  });

  app.openapi(r.requestCorrection, async (c) => {
    const { organizationId, workOrderId } = c.req.valid("param");
    const input = c.req.valid("json");
    const member = await getServiceStaffMember(c, services, organizationId, "complete_work_orders");
    const order = await getOrder(member, workOrderId);
    if (order.status !== "COMPLETED") throw new ConflictError("only a completed work order is corrected this way");
    let notified: Notified = { notificationIds: [], deliveryIds: [] };
    const correction = await db.prisma.$transaction(async (tx) => {
      const waiting = await tx.workOrderCorrection.count({ where: { workOrderId, status: "REQUESTED" } });
      if (waiting > 0) throw new ConflictError("a correction is already waiting for the owner");
      const created = await tx.workOrderCorrection.create({
        data: {
          tenantId: organizationId,
          workOrderId,
          ownerOrgId: order.ownerOrgId,
          requestedById: member.userId,
          reason: input.reason,
          changes: input.changes,
        },
      });
      notified = await notify(tx, {
        tenantId: order.ownerOrgId,
        kind: "work_order.correction_requested",
        title: `A correction of work order #${order.number} needs your decision`,
        body: input.reason,
        payload: { workOrderId, correctionId: created.id, passportId: order.passportId },
        idempotencyKey: `work_order.correction_requested:${created.id}`,
      });
      await recordAudit(tx, {
        tenantId: organizationId,
        actorId: member.userId,
        action: "work_order.correction_requested",
        subjectType: "work_order",
        subjectId: workOrderId,
        details: { correctionId: created.id },
      });
      return created;
    });
    await services.serviceOutbox?.afterNotify(notified);
    return c.json(toCorrectionView(correction), 201);
  });

  return app;
}
