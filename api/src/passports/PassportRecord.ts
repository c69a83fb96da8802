import { type InferResult, sql } from "kysely";
import type { AttributeHolderKind, BatteryCategory, PassportLifecycleState } from "../../generated/prisma/enums.ts";
import type { StoredAttributeValue, StructuredValue } from "../attributes/AttributeDefinition.ts";
import type { Database } from "../database/Database.ts";

/** A passport with its model and every attribute value it can read, loaded in one query. */
export interface PassportRecord {
  id: string;
  tenantId: string;
  manufacturerName: string;
  publicId: string;
  serialNumber: string;
  productionDate: string | null;
  lifecycleState: PassportLifecycleState;
  createdAt: Date;
  updatedAt: Date;
  model: {
    id: string;
    modelCode: string;
    name: string;
    batteryCategory: BatteryCategory;
    referenceCode: string | null;
  };
  modelValues: Map<number, StoredAttributeValue>;
  passportValues: Map<number, StoredAttributeValue>;
}

/**
 * A passport with its model's columns and its organization's name: what every passport read selects,
 * narrowed by the caller (`where`) and extended with the values it needs (`select`).
 */
export function selectPassportColumns(db: Database) {
  return db.sql
    .selectFrom("passport as p")
    .innerJoin("battery_model as m", "m.id", "p.model_id")
    .innerJoin("organization as o", "o.id", "p.tenant_id")
    .select([
      "p.id",
      "p.tenant_id",
      "o.name as manufacturer_name",
      "p.public_id",
      "p.serial_number",
      sql<string | null>`to_char(p.production_date, 'YYYY-MM-DD')`.as("production_date"),
      "p.lifecycle_state",
      "p.created_at",
      "p.updated_at",
      "m.id as model_id",
      "m.model_code",
      "m.name as model_name",
      "m.battery_category",
      "m.reference_code",
    ]);
}

export type PassportColumnsRow = InferResult<ReturnType<typeof selectPassportColumns>>[number];

/** Every value the passport can read, its own and its model's, as compact tuples (one round trip). */
function selectAttributeValues(db: Database) {
  return selectPassportColumns(db).select(
    sql<Array<[number, AttributeHolderKind, string | null, string | null, StructuredValue | null]>>`coalesce(
      (select json_agg(json_build_array(v.attribute_id, v.holder_kind, v.value_text, v.value_numeric::text, v.value_json))
         from app.attribute_value v
        where v.passport_id = p.id or v.model_id = p.model_id), '[]'::json)`.as("attribute_values"),
  );
}

type Row = InferResult<ReturnType<typeof selectAttributeValues>>[number];

function toRecord(row: Row): PassportRecord {
  const modelValues = new Map<number, StoredAttributeValue>();
  const passportValues = new Map<number, StoredAttributeValue>();
  for (const [attributeId, holder, text, numeric, json] of row.attribute_values) {
    (holder === "MODEL" ? modelValues : passportValues).set(attributeId, { text, numeric, json });
  }
  return passportRecordFromRow(row, modelValues, passportValues);
}

export function passportRecordFromRow(
  row: PassportColumnsRow,
  modelValues: Map<number, StoredAttributeValue>,
  passportValues: Map<number, StoredAttributeValue>,
): PassportRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    manufacturerName: row.manufacturer_name,
    publicId: row.public_id,
    serialNumber: row.serial_number,
    productionDate: row.production_date,
    lifecycleState: row.lifecycle_state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    model: {
      id: row.model_id,
      modelCode: row.model_code,
      name: row.model_name,
      batteryCategory: row.battery_category,
      referenceCode: row.reference_code,
    },
    modelValues,
    passportValues,
  };
}

export async function findPassportRecordByPublicId(
  db: Database,
  publicId: string,
): Promise<PassportRecord | undefined> {
  const row = await selectAttributeValues(db).where("p.public_id", "=", publicId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Many passports in one query (materialising versions of a whole model or tenant). */
export async function findPassportRecords(db: Database, passportIds: readonly string[]): Promise<PassportRecord[]> {
  if (passportIds.length === 0) return [];
  const rows = await selectAttributeValues(db)
    .where("p.id", "=", sql<string>`any(${[...passportIds]}::uuid[])`)
    .execute();
  return rows.map(toRecord);
}

export async function findTenantPassportRecord(
  db: Database,
  tenantId: string,
  passportId: string,
): Promise<PassportRecord | undefined> {
  const row = await selectAttributeValues(db)
    .where("p.id", "=", passportId)
    .where("p.tenant_id", "=", tenantId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The columns the catalogue's derived attributes read, by `derived_from` name. */
export function getDerivedValues(record: PassportRecord): Record<string, string | null> {
  return {
    "passport.public_id": record.publicId,
    "passport.serial_number": record.serialNumber,
    "passport.production_date": record.productionDate?.slice(0, 7) ?? null,
    "passport.lifecycle_state": record.lifecycleState,
    "model.battery_category": record.model.batteryCategory,
  };
}
