import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import type { Database } from "../database/prisma.ts";
import type { PageCursor } from "../http/CursorPage.ts";

/**
 * Completeness of every passport of a tenant, computed in SQL in one statement. It follows the same
 * rules as getPassportCompleteness (attributes/PassportCompleteness.ts): a mandatory attribute of
 * the passport's category is present when derived from a filled column, when the model holds it
 * and it inherits, or when the passport holds it (model-level attributes never count from a
 * passport row). Model values are counted once per model and joined to its passports, so the cost
 * grows with the number of values, not passports × catalogue.
 */
const PER_PASSPORT = `
  category_total as (
    select c.category, count(d.id)::int as mandatory_count,
           (count(d.id) filter (where d.derived_from is not null and d.derived_from <> 'passport.production_date'))::int as always_present,
           coalesce(bool_or(d.derived_from = 'passport.production_date'), false) as counts_production_date
      from unnest(enum_range(null::app."BatteryCategory")) as c(category)
      left join app.attribute_definition d on c.category = any(d.mandatory_for)
     group by c.category
  ),
  model_present as (
    select m.id as model_id, count(*)::int as n
      from app.battery_model m
      join app.attribute_value v on v.model_id = m.id
      join app.attribute_definition d on d.id = v.attribute_id
     where m.tenant_id = $1::uuid and d.inherits_from_model and d.derived_from is null
       and m.battery_category = any(d.mandatory_for)
     group by m.id
  ),
  model_inherited as (
    select v.model_id, v.attribute_id
      from app.attribute_value v
      join app.battery_model m on m.id = v.model_id
      join app.attribute_definition d on d.id = v.attribute_id
     where m.tenant_id = $1::uuid and d.inherits_from_model
  ),
  unit_mandatory as (
    select c.category, d.id as attribute_id
      from unnest(enum_range(null::app."BatteryCategory")) as c(category)
      join app.attribute_definition d on c.category = any(d.mandatory_for)
     where not d.is_model_level and d.derived_from is null
  ),
  passport_own as (
    -- A passport's own value counts unless its model already supplies an inherited one.
    select v.passport_id, count(*)::int as n
      from app.attribute_value v
      join app.passport p on p.id = v.passport_id
      join app.battery_model m on m.id = p.model_id
      join unit_mandatory um on um.category = m.battery_category and um.attribute_id = v.attribute_id
      left join model_inherited mi on mi.model_id = p.model_id and mi.attribute_id = v.attribute_id
     where v.tenant_id = $1::uuid and v.holder_kind = 'PASSPORT' and mi.model_id is null
     group by v.passport_id
  ),
  per_passport as (
    select p.id, p.public_id, p.serial_number, p.created_at, p.model_id, m.model_code, m.battery_category,
           ct.mandatory_count,
           ct.always_present
             + (case when ct.counts_production_date and p.production_date is not null then 1 else 0 end)
             + coalesce(mp.n, 0) + coalesce(po.n, 0) as present_count
      from app.passport p
      join app.battery_model m on m.id = p.model_id
      join category_total ct on ct.category = m.battery_category
      left join model_present mp on mp.model_id = p.model_id
      left join passport_own po on po.passport_id = p.id
     where p.tenant_id = $1::uuid
  ),
  scored as (
    select *, case when mandatory_count = 0 then 100.0
                   else round(present_count * 100.0 / mandatory_count, 1) end as completeness_pct
      from per_passport
  )`;

export interface ModelCompleteness {
  modelId: string;
  modelCode: string;
  batteryCategory: BatteryCategory;
  passportCount: number;
  compliantCount: number;
  averageCompletenessPct: number;
}

export interface FleetCompleteness {
  thresholdPct: number;
  passportCount: number;
  compliantCount: number;
  nonCompliantCount: number;
  averageCompletenessPct: number;
  models: ModelCompleteness[];
}

export async function getFleetCompleteness(
  db: Database,
  tenantId: string,
  thresholdPct: number,
): Promise<FleetCompleteness> {
  const rows = await db.$queryRawUnsafe<
    Array<{
      model_id: string;
      model_code: string;
      battery_category: BatteryCategory;
      passports: number;
      compliant: number;
      pct_sum: string;
    }>
  >(
    `with ${PER_PASSPORT}
     select model_id, model_code, battery_category::text as battery_category, count(*)::int as passports,
            (count(*) filter (where completeness_pct >= $2))::int as compliant, sum(completeness_pct)::text as pct_sum
       from scored group by model_id, model_code, battery_category order by model_code`,
    tenantId,
    thresholdPct,
  );
  const round = (value: number) => Math.round(value * 10) / 10;
  const passportCount = rows.reduce((sum, row) => sum + row.passports, 0);
  const compliantCount = rows.reduce((sum, row) => sum + row.compliant, 0);
  const pctSum = rows.reduce((sum, row) => sum + Number(row.pct_sum), 0);
  return {
    thresholdPct,
    passportCount,
    compliantCount,
    nonCompliantCount: passportCount - compliantCount,
    averageCompletenessPct: passportCount === 0 ? 0 : round(pctSum / passportCount),
    models: rows.map((row) => ({
      modelId: row.model_id,
      modelCode: row.model_code,
      batteryCategory: row.battery_category,
      passportCount: row.passports,
      compliantCount: row.compliant,
      averageCompletenessPct: round(Number(row.pct_sum) / row.passports),
    })),
  };
}

export interface PassportCompletenessRow {
  id: string;
  publicId: string;
  serialNumber: string;
  modelCode: string;
  createdAt: Date;
  mandatoryCount: number;
  presentCount: number;
  completenessPct: number;
}

/** One page of per-passport completeness, newest first, optionally only those below the threshold. */
export async function listPassportCompleteness(
  db: Database,
  tenantId: string,
  options: { thresholdPct: number; onlyNonCompliant: boolean; cursor: PageCursor | undefined; limit: number },
): Promise<PassportCompletenessRow[]> {
  const rows = await db.$queryRawUnsafe<
    Array<{
      id: string;
      public_id: string;
      serial_number: string;
      model_code: string;
      created_at: Date;
      mandatory_count: number;
      present_count: number;
      completeness_pct: string;
    }>
  >(
    `with ${PER_PASSPORT}
     select id, public_id, serial_number, model_code, created_at, mandatory_count, present_count, completeness_pct::text
       from scored
      where ($2::boolean = false or completeness_pct < $3)
        and ($4::timestamptz is null or (created_at, id) < ($4::timestamptz, $5::uuid))
      order by created_at desc, id desc
      limit $6`,
    tenantId,
    options.onlyNonCompliant,
    options.thresholdPct,
    options.cursor?.createdAt ?? null,
    options.cursor?.id ?? null,
    options.limit,
  );
  return rows.map((row) => ({
    id: row.id,
    publicId: row.public_id,
    serialNumber: row.serial_number,
    modelCode: row.model_code,
    createdAt: row.created_at,
    mandatoryCount: row.mandatory_count,
    presentCount: row.present_count,
    completenessPct: Number(row.completeness_pct),
  }));
}
