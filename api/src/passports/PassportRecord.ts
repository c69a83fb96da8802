import type { BatteryCategory, PassportLifecycleState } from "../../generated/prisma/enums.ts";
import type { StoredAttributeValue } from "../attributes/AttributeDefinition.ts";
import { type Database, getSqlPool } from "../database/prisma.ts";

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

/** The passport and model columns every passport read selects (PASSPORT_COLUMNS). */
export interface PassportColumnsRow {
  id: string;
  tenant_id: string;
  manufacturer_name: string;
  public_id: string;
  serial_number: string;
  production_date: string | null;
  lifecycle_state: PassportLifecycleState;
  created_at: Date;
  updated_at: Date;
  model_id: string;
  model_code: string;
  model_name: string;
  battery_category: BatteryCategory;
  reference_code: string | null;
}

interface Row extends PassportColumnsRow {
  attribute_values: Array<[number, "MODEL" | "PASSPORT", string | null, string | null]>;
}

/** The select list of PassportColumnsRow over `app.passport p`, `app.battery_model m`, `app.organization o`. */
export const PASSPORT_COLUMNS = `p.id, p.tenant_id, o.name as manufacturer_name, p.public_id, p.serial_number,
         to_char(p.production_date, 'YYYY-MM-DD') as production_date, p.lifecycle_state::text as lifecycle_state,
         p.created_at, p.updated_at, m.id as model_id, m.model_code, m.name as model_name,
         m.battery_category::text as battery_category, m.reference_code`;

// One round trip: the public QR read is the hottest path of the api.
const SELECT = `
  select ${PASSPORT_COLUMNS},
         coalesce((select json_agg(json_build_array(v.attribute_id, v.holder_kind, v.value_text, v.value_numeric::text))
                     from app.attribute_value v
                    where v.passport_id = p.id or v.model_id = p.model_id), '[]'::json) as attribute_values
    from app.passport p
    join app.battery_model m on m.id = p.model_id
    join app.organization o on o.id = p.tenant_id`;

function toRecord(row: Row): PassportRecord {
  const modelValues = new Map<number, StoredAttributeValue>();
  const passportValues = new Map<number, StoredAttributeValue>();
  for (const [attributeId, holder, text, numeric] of row.attribute_values) {
    (holder === "MODEL" ? modelValues : passportValues).set(attributeId, { text, numeric });
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
  const { rows } = await getSqlPool(db).query<Row>({
    name: "passport-by-public-id",
    text: `${SELECT} where p.public_id = $1`,
    values: [publicId],
  });
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** Many passports in one query (materialising versions of a whole model or tenant). */
export async function findPassportRecords(db: Database, passportIds: readonly string[]): Promise<PassportRecord[]> {
  if (passportIds.length === 0) return [];
  const { rows } = await getSqlPool(db).query<Row>(`${SELECT} where p.id = any($1::uuid[])`, [passportIds]);
  return rows.map(toRecord);
}

export async function findTenantPassportRecord(
  db: Database,
  tenantId: string,
  passportId: string,
): Promise<PassportRecord | undefined> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `${SELECT} where p.id = $1::uuid and p.tenant_id = $2::uuid`,
    passportId,
    tenantId,
  );
  return rows[0] ? toRecord(rows[0]) : undefined;
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
