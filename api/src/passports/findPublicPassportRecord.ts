import { sql } from "kysely";
import type { StoredAttributeValue, StructuredValue } from "../attributes/AttributeDefinition.ts";
import type { Database } from "../database/Database.ts";
import type { ModelValueCache } from "./ModelValueCache.ts";
import { type PassportRecord, passportRecordFromRow, selectPassportColumns } from "./PassportRecord.ts";

async function loadModelValues(db: Database, modelId: string): Promise<ReadonlyMap<number, StoredAttributeValue>> {
  const rows = await db.sql
    .selectFrom("attribute_value")
    .select(["attribute_id", "value_text", "value_numeric", "value_json"])
    .where("model_id", "=", modelId)
    .execute();
  return new Map(
    rows.map((row) => [
      row.attribute_id,
      { text: row.value_text, numeric: row.value_numeric, json: (row.value_json as StructuredValue | null) ?? null },
    ]),
  );
}

/**
 * A passport as an anonymous reader's QR scan needs it: the passport and its own values from
 * Postgres, its model's values from the app's ModelValueCache. The same
 * record findPassportRecordByPublicId loads in full, which signed-in readers keep using.
 */
export async function findPublicPassportRecord(
  db: Database,
  modelValueCache: ModelValueCache,
  publicId: string,
): Promise<PassportRecord | undefined> {
  // The passport, its model's columns and the passport's own values: one statement, a handful of rows.
  const row = await selectPassportColumns(db)
    .select(
      sql<Array<[number, string | null, string | null, StructuredValue | null]>>`coalesce(
        (select json_agg(json_build_array(v.attribute_id, v.value_text, v.value_numeric::text, v.value_json))
           from app.attribute_value v
          where v.passport_id = p.id), '[]'::json)`.as("passport_values"),
    )
    .where("p.public_id", "=", publicId)
    .executeTakeFirst();
  if (!row) return undefined;
  const passportValues = new Map<number, StoredAttributeValue>();
  for (const [attributeId, text, numeric, json] of row.passport_values)
    passportValues.set(attributeId, { text, numeric, json });
  const modelValues = await modelValueCache.get(row.model_id, () => loadModelValues(db, row.model_id));
  // A copy: the cached map is shared by every concurrent read of the model.
  return passportRecordFromRow(row, new Map(modelValues), passportValues);
}
