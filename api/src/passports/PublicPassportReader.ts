import type { StoredAttributeValue } from "../attributes/AttributeDefinition.ts";
import { getCachedModelValues } from "../attributes/ModelValueCache.ts";
import { type Database, getSqlPool } from "../database/prisma.ts";
import {
  PASSPORT_COLUMNS,
  type PassportColumnsRow,
  type PassportRecord,
  passportRecordFromRow,
} from "./PassportRecord.ts";

interface Row extends PassportColumnsRow {
  passport_values: Array<[number, string | null, string | null]>;
}

// The passport, its model's columns and the passport's own values: one statement, a handful of rows.
const SELECT_PASSPORT = `
  select ${PASSPORT_COLUMNS},
         coalesce((select json_agg(json_build_array(v.attribute_id, v.value_text, v.value_numeric::text))
                     from app.attribute_value v
                    where v.passport_id = p.id), '[]'::json) as passport_values
    from app.passport p
    join app.battery_model m on m.id = p.model_id
    join app.organization o on o.id = p.tenant_id
   where p.public_id = $1`;

const SELECT_MODEL_VALUES = `
  select attribute_id, value_text, value_numeric::text as value_numeric
    from app.attribute_value
   where model_id = $1::uuid`;

async function loadModelValues(db: Database, modelId: string): Promise<ReadonlyMap<number, StoredAttributeValue>> {
  const { rows } = await getSqlPool(db).query<{
    attribute_id: number;
    value_text: string | null;
    value_numeric: string | null;
  }>({ name: "public-model-values", text: SELECT_MODEL_VALUES, values: [modelId] });
  return new Map(rows.map((row) => [row.attribute_id, { text: row.value_text, numeric: row.value_numeric }]));
}

/**
 * A passport as an anonymous reader's QR scan needs it: the passport and its own values from
 * Postgres, its model's values from ModelValueCache (at most MODEL_VALUE_TTL_MS old). The same
 * record findPassportRecordByPublicId loads in full, which signed-in readers keep using.
 */
export async function findPublicPassportRecord(db: Database, publicId: string): Promise<PassportRecord | undefined> {
  const { rows } = await getSqlPool(db).query<Row>({
    name: "public-passport-by-public-id",
    text: SELECT_PASSPORT,
    values: [publicId],
  });
  const row = rows[0];
  if (!row) return undefined;
  const passportValues = new Map<number, StoredAttributeValue>();
  for (const [attributeId, text, numeric] of row.passport_values) passportValues.set(attributeId, { text, numeric });
  const modelValues = await getCachedModelValues(row.model_id, () => loadModelValues(db, row.model_id));
  // A copy: the cached map is shared by every concurrent read of the model.
  return passportRecordFromRow(row, new Map(modelValues), passportValues);
}
