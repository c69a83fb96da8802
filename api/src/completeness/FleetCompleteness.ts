import { type RawBuilder, sql } from "kysely";
import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import type { Database } from "../database/Database.ts";
import type { PageCursor } from "../http/CursorPage.ts";

/**
 * Completeness of every passport of a tenant, computed in SQL in one statement. It follows the same
 * rules as getPassportCompleteness (attributes/PassportCompleteness.ts): a mandatory attribute of
 * the passport's category is present when derived from a filled column, when the model holds it
 * and it inherits, or when the passport holds it (model-level attributes never count from a
 * passport row). The per-model parts are computed once per model (a few rows each): how many
 * mandatory attributes the model supplies, and which attributes a passport of it can still add
 * (`countable`: unit-level, mandatory for its category, not already inherited from the model).
 * Then one pass over the tenant's passports and their own values, hash-joined to `countable`,
 * counts each passport's additions; the cost is one scan of passports and values, whatever the
 * catalogue holds, and no per-row nested loop for the planner to misjudge.
 * `extraWhere` may narrow the passports (a page cursor). Analytical SQL the query builder would
 * only obscure: written as SQL, its result rows typed where it is run.
 */
function perPassport(tenantId: string, extraWhere: RawBuilder<unknown> = sql``) {
  return sql`
  category_total as materialized (
    select c.category, count(d.id)::int as mandatory_count,
           (count(d.id) filter (where d.derived_from is not null and d.derived_from <> 'passport.production_date'))::int as always_present,
           coalesce(bool_or(d.derived_from = 'passport.production_date'), false) as counts_production_date
      from unnest(enum_range(null::app."BatteryCategory")) as c(category)
      left join app.attribute_definition d on c.category = any(d.mandatory_for)
     group by c.category
  ),
  model_score as materialized (
    select m.id as model_id, m.model_code, m.battery_category, ct.mandatory_count, ct.counts_production_date,
           ct.always_present
             + (select count(*) from app.attribute_value v join app.attribute_definition d on d.id = v.attribute_id
                 where v.model_id = m.id and d.inherits_from_model and d.derived_from is null
                   and m.battery_category = any(d.mandatory_for))::int as model_present
      from app.battery_model m
      join category_total ct on ct.category = m.battery_category
     where m.tenant_id = ${tenantId}::uuid
  ),
  countable as materialized (
    select m.id as model_id, d.id as attribute_id
      from app.battery_model m
      join app.attribute_definition d on m.battery_category = any(d.mandatory_for)
     where m.tenant_id = ${tenantId}::uuid and not d.is_model_level and d.derived_from is null
       and not (d.inherits_from_model
                and exists (select 1 from app.attribute_value mv where mv.model_id = m.id and mv.attribute_id = d.id))
  ),
  per_passport as (
    select p.id, p.public_id, p.serial_number, p.created_at, p.model_id, p.production_date,
           count(c.attribute_id)::int as own_count
      from app.passport p
      left join app.attribute_value v on v.passport_id = p.id
      left join countable c on c.model_id = p.model_id and c.attribute_id = v.attribute_id
     where p.tenant_id = ${tenantId}::uuid ${extraWhere}
     group by p.id
  ),
  counted as (
    select pp.id, pp.public_id, pp.serial_number, pp.created_at, pp.model_id, ms.model_code, ms.battery_category,
           ms.mandatory_count,
           ms.model_present + pp.own_count
             + (case when ms.counts_production_date and pp.production_date is not null then 1 else 0 end) as present_count
      from per_passport pp
      join model_score ms on ms.model_id = pp.model_id
  ),
  scored as (
    select *, case when mandatory_count = 0 then 100.0
                   else round(present_count * 100.0 / mandatory_count, 1) end as completeness_pct
      from counted
  )`;
}

export interface ModelCompleteness {
  modelId: string;
  modelCode: string;
  batteryCategory: BatteryCategory;
  passportCount: number;
  completeCount: number;
  averageCompletenessPct: number;
}

export interface FleetCompleteness {
  passportCount: number;
  completeCount: number;
  incompleteCount: number;
  averageCompletenessPct: number;
  models: ModelCompleteness[];
}

export async function getFleetCompleteness(db: Database, tenantId: string): Promise<FleetCompleteness> {
  const { rows } = await sql<{
    model_id: string;
    model_code: string;
    battery_category: BatteryCategory;
    passports: number;
    complete: number;
    pct_sum: string;
  }>`with ${perPassport(tenantId)}
     select model_id, model_code, battery_category::text as battery_category, count(*)::int as passports,
            (count(*) filter (where present_count >= mandatory_count))::int as complete,
            sum(completeness_pct)::text as pct_sum
       from scored group by model_id, model_code, battery_category order by model_code`.execute(db.sql);
  const round = (value: number) => Math.round(value * 10) / 10;
  const passportCount = rows.reduce((sum, row) => sum + row.passports, 0);
  const completeCount = rows.reduce((sum, row) => sum + row.complete, 0);
  const pctSum = rows.reduce((sum, row) => sum + Number(row.pct_sum), 0);
  return {
    passportCount,
    completeCount,
    incompleteCount: passportCount - completeCount,
    averageCompletenessPct: passportCount === 0 ? 0 : round(pctSum / passportCount),
    models: rows.map((row) => ({
      modelId: row.model_id,
      modelCode: row.model_code,
      batteryCategory: row.battery_category,
      passportCount: row.passports,
      completeCount: row.complete,
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

/** One page of per-passport completeness, newest first, optionally only the incomplete ones. */
export async function listPassportCompleteness(
  db: Database,
  tenantId: string,
  options: { onlyIncomplete: boolean; cursor: PageCursor | undefined; limit: number },
): Promise<PassportCompletenessRow[]> {
  const cursor = options.cursor
    ? sql`and (p.created_at, p.id) < (${options.cursor.createdAt}::timestamptz, ${options.cursor.id}::uuid)`
    : sql``;
  const { rows } = await sql<{
    id: string;
    public_id: string;
    serial_number: string;
    model_code: string;
    created_at: Date;
    mandatory_count: number;
    present_count: number;
    completeness_pct: string;
  }>`with ${perPassport(tenantId, cursor)}
     select id, public_id, serial_number, model_code, created_at, mandatory_count, present_count, completeness_pct::text
       from scored
      where ${options.onlyIncomplete ? sql`present_count < mandatory_count` : sql`true`}
      order by created_at desc, id desc
      limit ${options.limit}`.execute(db.sql);
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

/** Completeness of some passports of a tenant (a list page's), by passport id. */
export async function getPassportCompletenessByIds(
  db: Database,
  tenantId: string,
  passportIds: string[],
): Promise<Map<string, { completenessPct: number; presentCount: number; mandatoryCount: number }>> {
  if (passportIds.length === 0) return new Map();
  const { rows } = await sql<{
    id: string;
    mandatory_count: number;
    present_count: number;
    completeness_pct: string;
  }>`with ${perPassport(tenantId, sql`and p.id = any(${passportIds}::uuid[])`)}
     select id, mandatory_count, present_count, completeness_pct::text from scored`.execute(db.sql);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        completenessPct: Number(row.completeness_pct),
        presentCount: row.present_count,
        mandatoryCount: row.mandatory_count,
      },
    ]),
  );
}

/** Completeness summed over one model's passports. */
export async function getModelCompleteness(
  db: Database,
  tenantId: string,
  modelId: string,
): Promise<{ passportCount: number; completeCount: number; averageCompletenessPct: number }> {
  const { rows } = await sql<{ passports: number; complete: number; pct_sum: string | null }>`
    with ${perPassport(tenantId, sql`and p.model_id = ${modelId}::uuid`)}
    select count(*)::int as passports, (count(*) filter (where present_count >= mandatory_count))::int as complete,
           sum(completeness_pct)::text as pct_sum
      from scored`.execute(db.sql);
  const row = rows[0];
  const passportCount = row?.passports ?? 0;
  return {
    passportCount,
    completeCount: row?.complete ?? 0,
    averageCompletenessPct: passportCount === 0 ? 0 : Math.round((Number(row?.pct_sum) / passportCount) * 10) / 10,
  };
}
