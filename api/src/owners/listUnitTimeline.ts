import { type Selectable, sql } from "kysely";
import { Prisma, type UnitEntry } from "../../generated/prisma/client.ts";
import type { UnitEntryKind } from "../../generated/prisma/enums.ts";
import type { Database, Tables } from "../database/Database.ts";
import { ValidationError } from "../errors/ApiError.ts";
import { toUnitEntryView, type UnitEntryView } from "./UnitEntrySchemas.ts";

export interface TimelinePage {
  items: UnitEntryView[];
  nextCursor: string | null;
}

/**
 * A unit's timeline, newest first, by keyset on (occurred_at, id) over the index of the same
 * order: a page costs the same at the 10,000th entry as at the first. Kysely rather than Prisma
 * (a timeline page is the owner's hottest read).
 */
export async function listUnitTimeline(
  db: Database,
  params: { passportId: string; tenantId: string; limit: number; cursor?: string; kinds?: UnitEntryKind[] },
): Promise<TimelinePage> {
  const after = params.cursor ? decodeTimelineCursor(params.cursor) : undefined;
  const kinds = params.kinds?.length ? params.kinds : undefined;
  const rows = await db.sql
    .selectFrom("unit_entry")
    .selectAll()
    .where("passport_id", "=", params.passportId)
    .where("tenant_id", "=", params.tenantId)
    .$if(after !== undefined, (query) =>
      query.where(sql<boolean>`(occurred_at, id) < (${after?.occurredAt}::timestamptz, ${after?.id}::uuid)`),
    )
    .$if(kinds !== undefined, (query) => query.where("kind", "in", kinds ?? []))
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .limit(params.limit + 1)
    .execute();
  const entries = rows.map(toUnitEntry);
  const items = entries.slice(0, params.limit).map(toUnitEntryView);
  const last = entries[params.limit - 1];
  return {
    items,
    nextCursor: entries.length > params.limit && last ? encodeTimelineCursor(last.occurredAt, last.id) : null,
  };
}

function toUnitEntry(row: Selectable<Tables["unit_entry"]>): UnitEntry {
  const decimal = (value: string | null) => (value === null ? null : new Prisma.Decimal(value));
  return {
    id: row.id,
    tenantId: row.tenant_id,
    passportId: row.passport_id,
    kind: row.kind,
    source: row.source,
    occurredAt: row.occurred_at,
    title: row.title,
    category: row.category,
    amountCents: row.amount_cents === null ? null : BigInt(row.amount_cents),
    currency: row.currency,
    quantity: decimal(row.quantity),
    quantityUnit: row.quantity_unit,
    usageValue: decimal(row.usage_value),
    usageUnit: row.usage_unit,
    details: row.details as UnitEntry["details"],
    serviceOrgId: row.service_org_id,
    workOrderId: row.work_order_id,
    sourceRef: row.source_ref,
    createdById: row.created_by_id,
    createdAt: row.created_at,
  };
}

function encodeTimelineCursor(occurredAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([occurredAt.toISOString(), id])).toString("base64url");
}

function decodeTimelineCursor(cursor: string): { occurredAt: string; id: string } {
  try {
    const [occurredAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (Number.isNaN(new Date(occurredAt).getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad cursor");
    return { occurredAt, id };
  } catch {
    throw new ValidationError("cursor is not one this api issued");
  }
}
