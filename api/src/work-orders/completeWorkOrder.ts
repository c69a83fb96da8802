import { toCanonicalJson } from "@a360/contracts/passport";
import { keccak256, toBytes } from "viem";
import type { CatalogueItemKind, UsageUnit } from "../../generated/prisma/enums.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import type { Database } from "../database/Database.ts";
import { ConflictError, NotFoundError } from "../errors/ApiError.ts";
import { type Notified, notify } from "../notifications/notify.ts";
import { recordUsageReading } from "../owners/recordUsageReading.ts";
import { COMPLETABLE_STATUSES } from "./WorkOrderStatusMachine.ts";
import { getLabourAmountCents, getPartAmountCents, getWorkOrderTotals } from "./WorkOrderTotals.ts";

export const SERVICE_RECORD_SCHEMA = "a360.service-record.v1";

/** RepairRegistry's decisions, in its enum's order. */
export const REPAIR_DECISIONS = ["Repaired", "PartsReplaced", "Refurbished", "Unrepairable"] as const;
export type RepairDecision = (typeof REPAIR_DECISIONS)[number];

/** The writes of a completion, in order; a test names one to make the completion fail there. */
export const COMPLETION_STEPS = [
  "service_record",
  "entries",
  "usage",
  "recommendations",
  "inventory",
  "notification",
  "audit",
  "repair_outbox",
  "status",
] as const;
export type CompletionStep = (typeof COMPLETION_STEPS)[number];

export interface CompletionInput {
  tenantId: string;
  workOrderId: string;
  userId: string;
  /** The unit's usage at completion (odometer, hours, cycles), in the unit's own usage unit. */
  usageValue?: number;
  decision: RepairDecision;
  summary?: string;
}

export interface CompletionResult {
  serviceRecordId: string;
  formHash: `0x${string}`;
  notified: Notified;
}

/** What the completion reads (and locks) in its first statement. */
interface OrderToComplete {
  id: string;
  number: number;
  tenantId: string;
  passportId: string;
  ownerOrgId: string;
  complaint: string | null;
  currency: string;
  status: string;
  centreName: string;
  publicId: string;
  usageUnit: string | null;
  labour: Array<{
    id: string;
    description: string;
    hours: number;
    rateCents: number;
    nextServiceMonths: number | null;
    nextServiceUsage: number | null;
  }>;
  parts: Array<{
    sku: string;
    name: string;
    kind: CatalogueItemKind;
    unit: string;
    quantity: number;
    unitPriceCents: number;
    catalogueItemId: string;
  }>;
}

export class InjectedCompletionFault extends Error {
  constructor(readonly step: CompletionStep) {
    super(`injected fault at completion step ${step}`);
  }
}

/**
 * Completes an in-progress work order in ONE transaction: the immutable service record, the
 * service and expense entries on the unit's timeline, the usage reading, the recommendations from
 * labour intervals, the inventory consumption, the owner's notification, the audit entry and the
 * repair's outbox row. Either all of it commits or none of it does. The repair reaches the chain
 * later, from the outbox.
 */
export async function completeWorkOrder(
  db: Database,
  input: CompletionInput,
  options: { failAt?: CompletionStep; now?: Date } = {},
): Promise<CompletionResult> {
  const step = (name: CompletionStep) => {
    if (options.failAt === name) throw new InjectedCompletionFault(name);
  };
  return db.prisma.$transaction(
    async (tx) => {
      // One statement reads and locks all the completion needs (the order, its lines, the centre's
      // name, the unit's public id and usage unit): each Prisma round trip costs the api about a
      // millisecond of CPU, and this used to be seven (bench/results/service.md).
      const [locked] = await tx.$queryRaw<OrderToComplete[]>`
        select w.id, w.number, w.tenant_id as "tenantId", w.passport_id as "passportId",
               w.owner_org_id as "ownerOrgId", w.complaint, w.currency, w.status::text as status,
               o.name as "centreName", p.public_id as "publicId",
               (select g.usage_unit::text from app.garage_unit g
                 where g.passport_id = w.passport_id and g.tenant_id = w.owner_org_id limit 1) as "usageUnit",
               coalesce((select json_agg(json_build_object(
                   'id', l.id, 'description', l.description, 'hours', l.hours, 'rateCents', l.rate_cents,
                   'nextServiceMonths', l.next_service_months, 'nextServiceUsage', l.next_service_usage)
                   order by l.created_at, l.id)
                  from app.work_order_labour l where l.work_order_id = w.id), '[]'::json) as labour,
               coalesce((select json_agg(json_build_object(
                   'sku', x.sku, 'name', x.name, 'kind', x.kind, 'unit', x.unit, 'quantity', x.quantity,
                   'unitPriceCents', x.unit_price_cents, 'catalogueItemId', x.catalogue_item_id)
                   order by x.created_at, x.id)
                  from app.work_order_part x where x.work_order_id = w.id), '[]'::json) as parts
          from app.work_order w
          join app.organization o on o.id = w.tenant_id
          join app.passport p on p.id = w.passport_id
         where w.id = ${input.workOrderId}::uuid and w.tenant_id = ${input.tenantId}::uuid
           for update of w`;
      if (!locked) throw new NotFoundError("work order");
      if (!COMPLETABLE_STATUSES.includes(locked.status as (typeof COMPLETABLE_STATUSES)[number])) {
        throw new ConflictError(`a ${locked.status} work order cannot be completed (it must be IN_PROGRESS)`);
      }
      const now = options.now ?? new Date();
      const order = locked;
      const { labour, parts } = locked;
      const centre = { name: locked.centreName };
      const passport = { publicId: locked.publicId };
      if (labour.length === 0 && parts.length === 0)
        throw new ConflictError("a work order needs labour or parts to complete");
      const usageUnit = (locked.usageUnit ?? "KM") as UsageUnit;
      const labourLines = labour.map((line) => ({
        description: line.description,
        hours: Number(line.hours),
        rateCents: Number(line.rateCents),
        amountCents: getLabourAmountCents({ hours: Number(line.hours), rateCents: Number(line.rateCents) }),
        nextServiceMonths: line.nextServiceMonths,
        nextServiceUsage: line.nextServiceUsage === null ? null : Number(line.nextServiceUsage),
      }));
      const partLines = parts.map((line) => ({
        sku: line.sku,
        name: line.name,
        kind: line.kind,
        unit: line.unit,
        quantity: Number(line.quantity),
        unitPriceCents: Number(line.unitPriceCents),
        amountCents: getPartAmountCents({
          quantity: Number(line.quantity),
          unitPriceCents: Number(line.unitPriceCents),
        }),
      }));
      const totals = getWorkOrderTotals(labourLines, partLines);
      const document = {
        schema: SERVICE_RECORD_SCHEMA,
        workOrderId: order.id,
        number: order.number,
        centre: { organizationId: order.tenantId, name: centre.name },
        unit: { passportId: order.passportId, publicId: passport.publicId },
        completedAt: now.toISOString(),
        decision: input.decision,
        complaint: order.complaint,
        summary: input.summary ?? null,
        usage: input.usageValue === undefined ? null : { value: input.usageValue, unit: usageUnit },
        labour: labourLines,
        parts: partLines,
        totals: { ...totals, currency: order.currency },
      };
      const formHash = keccak256(toBytes(toCanonicalJson(document)));

      step("service_record");
      const record = await tx.serviceRecord.create({
        data: {
          tenantId: order.tenantId,
          workOrderId: order.id,
          passportId: order.passportId,
          ownerOrgId: order.ownerOrgId,
          document,
          formHash,
          totalCents: BigInt(totals.totalCents),
          currency: order.currency,
          completedAt: now,
        },
      });

      step("entries");
      const common = {
        tenantId: order.ownerOrgId,
        passportId: order.passportId,
        source: "SERVICE_CENTRE" as const,
        occurredAt: now,
        serviceOrgId: order.tenantId,
        workOrderId: order.id,
        createdById: input.userId,
      };
      // Both entries in one statement; RETURNING gives them back in the order given.
      const [serviceEntry] = await tx.unitEntry.createManyAndReturn({
        data: [
          {
            ...common,
            kind: "SERVICE",
            title: `Service at ${centre.name} (#${order.number})`,
            usageValue: input.usageValue ?? null,
            usageUnit: input.usageValue === undefined ? null : usageUnit,
            details: { serviceRecordId: record.id, formHash, decision: input.decision, totalCents: totals.totalCents },
          },
          {
            ...common,
            kind: "EXPENSE",
            title: `Invoice of ${centre.name} (#${order.number})`,
            category: "service",
            amountCents: BigInt(totals.totalCents),
            currency: order.currency,
            details: { serviceRecordId: record.id },
          },
        ],
        select: { id: true },
      });

      step("usage");
      if (input.usageValue !== undefined) {
        await recordUsageReading(tx, {
          tenantId: order.ownerOrgId,
          passportId: order.passportId,
          readAt: now,
          value: input.usageValue,
          unit: usageUnit,
          entryId: serviceEntry!.id,
          source: "SERVICE_CENTRE",
        });
      }

      step("recommendations");
      const due = labour.filter((line) => line.nextServiceMonths !== null || line.nextServiceUsage !== null);
      if (due.length > 0) {
        await tx.maintenanceRecommendation.createMany({
          data: due.map((line) => ({
            tenantId: order.ownerOrgId,
            passportId: order.passportId,
            serviceOrgId: order.tenantId,
            workOrderId: order.id,
            title: line.description,
            dueOn: line.nextServiceMonths === null ? null : addMonths(now, line.nextServiceMonths),
            dueUsage:
              line.nextServiceUsage === null || input.usageValue === undefined
                ? null
                : input.usageValue + Number(line.nextServiceUsage),
            usageUnit: line.nextServiceUsage === null ? null : usageUnit,
            sourceRef: `work-order:${order.id}:${line.id}`,
          })),
        });
      }

      step("inventory");
      const stocked = parts.filter((line) => line.kind !== "LABOUR");
      if (stocked.length > 0) {
        await tx.inventoryTransaction.createMany({
          data: stocked.map((line) => ({
            tenantId: order.tenantId,
            catalogueItemId: line.catalogueItemId,
            kind: "CONSUMPTION" as const,
            quantity: -Number(line.quantity),
            workOrderId: order.id,
            createdById: input.userId,
          })),
        });
      }

      step("notification");
      const notified = await notify(tx, {
        tenantId: order.ownerOrgId,
        kind: "work_order.completed",
        title: `${centre.name} completed work order #${order.number}`,
        body: `Total ${(totals.totalCents / 100).toFixed(2)} ${order.currency}. The record is on your unit's timeline.`,
        payload: { workOrderId: order.id, passportId: order.passportId, serviceRecordId: record.id, formHash },
        idempotencyKey: `work_order.completed:${order.id}`,
      });

      step("audit");
      await recordAudit(tx, {
        tenantId: order.tenantId,
        actorId: input.userId,
        action: "work_order.completed",
        subjectType: "work_order",
        subjectId: order.id,
        details: { serviceRecordId: record.id, formHash, totalCents: totals.totalCents },
      });

      step("repair_outbox");
      await tx.repairAnchor.create({ data: { serviceRecordId: record.id, tenantId: order.tenantId } });

      step("status");
      await tx.workOrder.update({ where: { id: order.id }, data: { status: "COMPLETED", completedAt: now } });
      await tx.workOrderStatusChange.create({
        data: {
          tenantId: order.tenantId,
          workOrderId: order.id,
          fromStatus: "IN_PROGRESS",
          toStatus: "COMPLETED",
          changedById: input.userId,
          note: input.summary ?? null,
        },
      });
      return { serviceRecordId: record.id, formHash, notified };
    },
    { timeout: 15_000 },
  );
}

function addMonths(date: Date, months: number): Date {
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return result;
}
