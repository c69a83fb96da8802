import { sql } from "kysely";
import type { StoredAttributeValue, StructuredValue } from "../attributes/AttributeDefinition.ts";
import type { Database } from "../database/Database.ts";
import { type PassportRecord, passportRecordFromRow, selectPassportColumns } from "../passports/PassportRecord.ts";

type ValueTuple = [number, string | null, string | null, StructuredValue | null, string];

function toStored([, text, numeric, json, updatedAt]: ValueTuple): StoredAttributeValue {
  return { text, numeric, json, updatedAt: new Date(updatedAt) };
}

/** Passports with their own values and each value's time (the export's `lastUpdate`). */
function selectPassportsWithTimedValues(db: Database) {
  return selectPassportColumns(db).select(
    sql<ValueTuple[]>`coalesce(
      (select json_agg(json_build_array(v.attribute_id, v.value_text, v.value_numeric::text, v.value_json, v.updated_at))
         from app.attribute_value v
        where v.passport_id = p.id), '[]'::json)`.as("passport_values"),
  );
}

async function findModelValues(db: Database, modelId: string): Promise<Map<number, StoredAttributeValue>> {
  const rows = await db.sql
    .selectFrom("attribute_value")
    .select(["attribute_id", "value_text", "value_numeric", "value_json", "updated_at"])
    .where("model_id", "=", modelId)
    .execute();
  return new Map(
    rows.map((row) => [
      row.attribute_id,
      {
        text: row.value_text,
        numeric: row.value_numeric,
        json: (row.value_json as StructuredValue | null) ?? null,
        updatedAt: row.updated_at,
      },
    ]),
  );
}

/** Model values by model, loaded once per export: a bulk export reads a model's values once for all its units. */
export class ModelValuesById {
  private readonly loaded = new Map<string, Promise<Map<number, StoredAttributeValue>>>();
  constructor(private readonly db: Database) {}

  get(modelId: string): Promise<Map<number, StoredAttributeValue>> {
    let values = this.loaded.get(modelId);
    if (!values) {
      values = findModelValues(this.db, modelId);
      this.loaded.set(modelId, values);
    }
    return values;
  }
}

type Row = Awaited<ReturnType<ReturnType<typeof selectPassportsWithTimedValues>["execute"]>>[number];

async function toRecords(rows: Row[], models: ModelValuesById): Promise<PassportRecord[]> {
  return Promise.all(
    rows.map(async (row) => {
      const passportValues = new Map(row.passport_values.map((tuple) => [tuple[0], toStored(tuple)] as const));
      return passportRecordFromRow(row, await models.get(row.model_id), passportValues);
    }),
  );
}

export async function findBatteryPassRecord(db: Database, publicId: string): Promise<PassportRecord | undefined> {
  const row = await selectPassportsWithTimedValues(db).where("p.public_id", "=", publicId).executeTakeFirst();
  if (!row) return undefined;
  const [record] = await toRecords([row], new ModelValuesById(db));
  return record;
}

/** One page of a tenant's passports in id order, after `afterId`. */
export async function findBatteryPassRecordPage(
  db: Database,
  models: ModelValuesById,
  tenantId: string,
  afterId: string | null,
  limit: number,
): Promise<PassportRecord[]> {
  let query = selectPassportsWithTimedValues(db).where("p.tenant_id", "=", tenantId);
  if (afterId !== null) query = query.where("p.id", ">", afterId);
  return toRecords(await query.orderBy("p.id").limit(limit).execute(), models);
}
