import { z } from "@hono/zod-openapi";
import { CentreParamsSchema } from "../service-centres/ServiceCentreSchemas.ts";

export const WorkOrderStatusSchema = z.enum([
  "REQUESTED",
  "ACCEPTED",
  "IN_PROGRESS",
  "AWAITING_PARTS",
  "COMPLETED",
  "CANCELLED",
]);
export const WorkOrderParamsSchema = CentreParamsSchema.extend({ workOrderId: z.string().uuid() });
export const WorkOrderLineParamsSchema = WorkOrderParamsSchema.extend({ lineId: z.string().uuid() });

export const WorkOrderCreateSchema = z
  .object({
    passportId: z.string().uuid().optional(),
    appointmentId: z.string().uuid().optional(),
    complaint: z.string().trim().max(2000).optional(),
    usageAtIntake: z.number().min(0).max(1e9).optional(),
    assignedUserId: z.string().uuid().optional(),
  })
  .refine((input) => (input.passportId === undefined) !== (input.appointmentId === undefined), {
    message: "name the unit (passportId) or the appointment it comes from (appointmentId), not both",
  })
  .openapi("WorkOrderCreate", {
    example: { passportId: "00000000-0000-4000-8000-000000000000", complaint: "Brake noise at low speed" },
  });

export const WorkOrderUpdateSchema = z
  .object({
    complaint: z.string().trim().max(2000).nullable().optional(),
    assignedUserId: z.string().uuid().nullable().optional(),
  })
  .openapi("WorkOrderUpdate", { example: { complaint: "Brake noise, front left" } });

export const StatusMoveSchema = z
  .object({
    to: z.enum(["ACCEPTED", "IN_PROGRESS", "AWAITING_PARTS", "CANCELLED"]),
    note: z.string().trim().max(500).optional(),
  })
  .openapi("WorkOrderStatusMove", { example: { to: "IN_PROGRESS" } });

export const LabourInputSchema = z
  .object({
    description: z.string().trim().min(1).max(300),
    catalogueItemId: z.string().uuid().optional(),
    hours: z.number().positive().max(1000),
    rateCents: z.number().int().min(0).max(1e8).optional(),
    nextServiceMonths: z.number().int().min(1).max(240).optional(),
    nextServiceUsage: z.number().positive().max(1e7).optional(),
  })
  .openapi("WorkOrderLabourInput", {
    example: {
      description: "Replace front brake pads",
      hours: 1.5,
      rateCents: 8000,
      nextServiceMonths: 24,
      nextServiceUsage: 30000,
    },
  });

export const PartInputSchema = z
  .object({ catalogueItemId: z.string().uuid(), quantity: z.number().positive().max(1e5) })
  .openapi("WorkOrderPartInput", {
    example: { catalogueItemId: "00000000-0000-4000-8000-000000000000", quantity: 4.5 },
  });

export const CompletionInputSchema = z
  .object({
    usageValue: z.number().min(0).max(1e9).optional(),
    decision: z.enum(["Repaired", "PartsReplaced", "Refurbished", "Unrepairable"]).default("Repaired"),
    summary: z.string().trim().max(500).optional(),
  })
  .openapi("WorkOrderCompletion", {
    example: { usageValue: 48500, decision: "PartsReplaced", summary: "Pads replaced" },
  });

export const CorrectionInputSchema = z
  .object({
    reason: z.string().trim().min(1).max(2000),
    changes: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])),
  })
  .refine((input) => Object.keys(input.changes).length > 0 && Object.keys(input.changes).length <= 20, {
    message: "name 1 to 20 changed fields",
    path: ["changes"],
  })
  .openapi("WorkOrderCorrectionInput", {
    example: { reason: "Usage was mistyped", changes: { usageValue: 48050 } },
  });

export const CorrectionSchema = z
  .object({
    id: z.string().uuid(),
    workOrderId: z.string().uuid(),
    reason: z.string(),
    changes: z.record(z.string(), z.unknown()),
    status: z.enum(["REQUESTED", "ACCEPTED", "REJECTED"]),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .openapi("WorkOrderCorrection");

export const WorkOrderSummarySchema = z
  .object({
    id: z.string().uuid(),
    number: z.number().int(),
    status: WorkOrderStatusSchema,
    passportId: z.string().uuid(),
    publicId: z.string(),
    unitName: z.string(),
    appointmentId: z.string().nullable(),
    assignedUserId: z.string().nullable(),
    complaint: z.string().nullable(),
    totalCents: z.number().nullable(),
    currency: z.string(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi("WorkOrderSummary");

export const WorkOrderDetailSchema = WorkOrderSummarySchema.extend({
  usageAtIntake: z.number().nullable(),
  labour: z.array(
    z.object({
      id: z.string().uuid(),
      description: z.string(),
      hours: z.number(),
      rateCents: z.number().nullable(),
      amountCents: z.number().nullable(),
      nextServiceMonths: z.number().nullable(),
      nextServiceUsage: z.number().nullable(),
    }),
  ),
  parts: z.array(
    z.object({
      id: z.string().uuid(),
      catalogueItemId: z.string().uuid(),
      sku: z.string(),
      name: z.string(),
      kind: z.string(),
      unit: z.string(),
      quantity: z.number(),
      unitPriceCents: z.number().nullable(),
      amountCents: z.number().nullable(),
    }),
  ),
  totals: z.object({ labourCents: z.number(), partsCents: z.number(), totalCents: z.number() }).nullable(),
  history: z.array(
    z.object({
      from: WorkOrderStatusSchema.nullable(),
      to: WorkOrderStatusSchema,
      at: z.string(),
      note: z.string().nullable(),
    }),
  ),
  serviceRecord: z
    .object({
      id: z.string().uuid(),
      formHash: z.string(),
      anchor: z.object({
        status: z.enum(["PENDING", "SUBMITTED", "ANCHORED", "NOT_ON_CHAIN"]),
        transactionHash: z.string().nullable(),
        repairId: z.string().nullable(),
        lastError: z.string().nullable(),
      }),
    })
    .nullable(),
  corrections: z.array(CorrectionSchema),
}).openapi("WorkOrderDetail");
