import type { UnitEntry } from "../../generated/prisma/client.ts";
import type { UnitEntryKind } from "../../generated/prisma/enums.ts";
import { type Database, getSqlPool } from "../database/prisma.ts";
import { ValidationError } from "../errors/ApiError.ts";
import { toUnitEntryView, type UnitEntryView } from "./UnitEntrySchemas.ts";

export interface TimelinePage {
  items: UnitEntryView[];
  nextCursor: string | null;
}

/**
 * A unit's timeline, newest first, by keyset on (occurred_at, id) over the index of the same
 * order: a page costs the same at the 10,000th entry as at the first. Plain pg rather than Prisma
 * (a timeline page is the owner's hottest read).
 */
export async function listUnitTimeline(
  db: Database,
  params: { passportId: string; tenantId: string; limit: number; cursor?: string; kinds?: UnitEntryKind[] },
): Promise<TimelinePage> {
  const after = params.cursor ? decodeTimelineCursor(params.cursor) : undefined;
  const values: unknown[] = [params.passportId, params.tenantId, params.limit + 1];
  let where = "passport_id = $1 and tenant_id = $2";
  if (after) {
    values.push(after.occurredAt, after.id);
    where += ` and (occurred_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`;
  }
  if (params.kinds?.length) {
    values.push(params.kinds);
    where += ` and kind = any($${values.length}::app."UnitEntryKind"[])`;
  }
  const { rows } = await getSqlPool(db).query<Record<string, unknown>>(
    `select id, tenant_id, passport_id, kind, source, occurred_at, title, category, amount_cents, currency, quantity,
            quantity_unit, usage_value, usage_unit, details, service_org_id, work_order_id
       from app.unit_entry where ${where}
      order by occurred_at desc, id desc limit $3`,
    values,
  );
  const entries = rows.map(toUnitEntry);
  const items = entries.slice(0, params.limit).map(toUnitEntryView);
  const last = entries[params.limit - 1];
  return {
    items,
    nextCursor: entries.length > params.limit && last ? encodeTimelineCursor(last.occurredAt, last.id) : null,
  };
}

function toUnitEntry(row: Record<string, unknown>): UnitEntry {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    passportId: row.passport_id as string,
    kind: row.kind as UnitEntry["kind"],
    source: row.source as UnitEntry["source"],
    occurredAt: row.occurred_at as Date,
    title: row.title as string,
    category: row.category as string | null,
    amountCents: row.amount_cents === null ? null : BigInt(row.amount_cents as string),
    currency: row.currency as string | null,
    quantity: row.quantity as UnitEntry["quantity"],
    quantityUnit: row.quantity_unit as string | null,
    usageValue: row.usage_value as UnitEntry["usageValue"],
    usageUnit: row.usage_unit as UnitEntry["usageUnit"],
    details: row.details as UnitEntry["details"],
    serviceOrgId: row.service_org_id as string | null,
    workOrderId: row.work_order_id as string | null,
    sourceRef: null,
    createdById: null,
    createdAt: row.occurred_at as Date,
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
