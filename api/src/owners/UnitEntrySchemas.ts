import { z } from "@hono/zod-openapi";
import type { UnitEntry } from "../../generated/prisma/client.ts";

export const UsageUnitSchema = z.enum(["KM", "MI", "HOURS", "CYCLES"]);
export const UnitEntryKindSchema = z.enum(["FUEL", "CHARGING", "SERVICE", "EXPENSE", "USAGE", "NOTE"]);
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as EUR");
const Instant = z.string().datetime({ offset: true }).openapi({ example: "2026-11-20T09:30:00Z" });

/** Not later than a day ahead: a log is about what happened. */
const PastInstant = Instant.refine((value) => new Date(value).getTime() <= Date.now() + 86_400_000, {
  message: "must not be in the future",
});

export const UnitEntryInputSchema = z
  .object({
    kind: UnitEntryKindSchema,
    occurredAt: PastInstant,
    title: z.string().trim().min(1).max(200),
    category: z.string().trim().min(1).max(60).optional(),
    amountCents: z.number().int().min(0).max(1e12).optional(),
    currency: CurrencySchema.optional(),
    quantity: z.number().positive().max(1e6).optional(),
    quantityUnit: z.enum(["L", "KWH", "GAL"]).optional(),
    /** The unit's usage when this happened; it joins the usage history. */
    usageValue: z.number().min(0).max(1e9).optional(),
    details: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
  })
  .refine((entry) => entry.amountCents === undefined || entry.currency !== undefined, {
    message: "an amount needs its currency",
    path: ["currency"],
  })
  .refine((entry) => !["FUEL", "CHARGING"].includes(entry.kind) || entry.quantity !== undefined, {
    message: "a fuel or charging entry needs its quantity",
    path: ["quantity"],
  })
  .refine((entry) => entry.kind !== "USAGE" || entry.usageValue !== undefined, {
    message: "a usage entry needs its usage value",
    path: ["usageValue"],
  })
  .openapi("UnitEntryInput", {
    example: {
      kind: "FUEL",
      occurredAt: "2026-11-20T09:30:00Z",
      title: "Full tank",
      amountCents: 7450,
      currency: "EUR",
      quantity: 42.5,
      quantityUnit: "L",
      usageValue: 48210,
    },
  });

export const UnitEntrySchema = z
  .object({
    id: z.string().uuid(),
    kind: UnitEntryKindSchema,
    source: z.enum(["OWNER", "SERVICE_CENTRE", "IMPORT"]),
    occurredAt: z.string(),
    title: z.string(),
    category: z.string().nullable(),
    amountCents: z.number().int().nullable(),
    currency: z.string().nullable(),
    quantity: z.number().nullable(),
    quantityUnit: z.string().nullable(),
    usageValue: z.number().nullable(),
    usageUnit: UsageUnitSchema.nullable(),
    details: z.record(z.string(), z.unknown()),
    serviceOrgId: z.string().nullable(),
    workOrderId: z.string().nullable(),
    isEditable: z.boolean(),
  })
  .openapi("UnitEntry");

export type UnitEntryView = z.infer<typeof UnitEntrySchema>;

export function toUnitEntryView(row: UnitEntry): UnitEntryView {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    occurredAt: row.occurredAt.toISOString(),
    title: row.title,
    category: row.category,
    amountCents: row.amountCents === null ? null : Number(row.amountCents),
    currency: row.currency,
    quantity: row.quantity === null ? null : Number(row.quantity),
    quantityUnit: row.quantityUnit,
    usageValue: row.usageValue === null ? null : Number(row.usageValue),
    usageUnit: row.usageUnit,
    details: row.details as Record<string, unknown>,
    serviceOrgId: row.serviceOrgId,
    workOrderId: row.workOrderId,
    isEditable: row.source === "OWNER",
  };
}
