import type { Prisma } from "../../generated/prisma/client.ts";
import type { AttributeHolderKind } from "../../generated/prisma/enums.ts";
import type { StoredAttributeValue, StructuredValue } from "./AttributeDefinition.ts";
import type { AttributeWrite } from "./checkAttributeWrites.ts";

export interface AttributeHolder {
  kind: AttributeHolderKind;
  id: string;
  tenantId: string;
}

/** Stores checked writes for one holder: upserts values, deletes cleared ones. One statement each. */
export async function saveAttributeValues(
  prisma: Prisma.TransactionClient,
  holder: AttributeHolder,
  writes: readonly AttributeWrite[],
) {
  const set = writes.filter((write) => write.stored !== null);
  const cleared = writes.filter((write) => write.stored === null).map((write) => write.definition.id);
  if (set.length > 0) {
    await upsertAttributeValues(
      prisma,
      holder.tenantId,
      holder.kind,
      set.map((write) => ({ holderId: holder.id, attributeId: write.definition.id, stored: write.stored! })),
      "replace",
    );
  }
  if (cleared.length > 0) {
    const column = holder.kind === "MODEL" ? "model_id" : "passport_id";
    await prisma.$executeRawUnsafe(
      `delete from app.attribute_value where ${column} = $1::uuid and tenant_id = $2::uuid and attribute_id = any($3::int[])`,
      holder.id,
      holder.tenantId,
      cleared,
    );
  }
}

/**
 * Multi-row upsert of values of many holders of one kind and tenant. `keep` leaves existing values
 * alone (used to copy reference baselines without overwriting what a manufacturer entered).
 */
export async function upsertAttributeValues(
  prisma: Prisma.TransactionClient,
  tenantId: string,
  kind: AttributeHolderKind,
  rows: ReadonlyArray<{ holderId: string; attributeId: number; stored: StoredAttributeValue }>,
  onConflict: "replace" | "keep",
) {
  if (rows.length === 0) return;
  const column = kind === "MODEL" ? "model_id" : "passport_id";
  const conflict =
    onConflict === "replace"
      ? "do update set value_text = excluded.value_text, value_numeric = excluded.value_numeric, value_json = excluded.value_json, updated_at = now()"
      : "do nothing";
  await prisma.$executeRawUnsafe(
    `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, ${column}, value_text, value_numeric, value_json)
     select $1::uuid, u.attribute_id, $2::app."AttributeHolderKind", u.holder_id, u.value_text, u.value_numeric, u.value_json::jsonb
     from unnest($3::uuid[], $4::int[], $5::text[], $6::numeric[], $7::text[])
       as u(holder_id, attribute_id, value_text, value_numeric, value_json)
     on conflict (${column}, attribute_id) ${conflict}`,
    tenantId,
    kind,
    rows.map((row) => row.holderId),
    rows.map((row) => row.attributeId),
    rows.map((row) => row.stored.text),
    rows.map((row) => row.stored.numeric),
    rows.map((row) => (row.stored.json === null ? null : JSON.stringify(row.stored.json))),
  );
}

/** Values of one holder by attribute id. */
export async function getHolderValues(
  prisma: Prisma.TransactionClient,
  kind: AttributeHolderKind,
  holderId: string,
): Promise<Map<number, StoredAttributeValue>> {
  const rows = await prisma.attributeValue.findMany({
    where: kind === "MODEL" ? { modelId: holderId } : { passportId: holderId },
    select: { attributeId: true, valueText: true, valueNumeric: true, valueJson: true },
  });
  return new Map(
    rows.map((row) => [
      row.attributeId,
      {
        text: row.valueText,
        numeric: row.valueNumeric?.toString() ?? null,
        json: (row.valueJson as StructuredValue | null) ?? null,
      },
    ]),
  );
}
