/** What a market page shows of a unit's passport next to its on-chain state (public fields only). */
export interface MarketUnitSummary {
  unitId: bigint;
  passportPublicId: string;
  serialNumber: string | null;
  modelName: string | null;
  modelCode: string | null;
  manufacturerName: string | null;
  /** `mat.chemistry`, a public model-level attribute. */
  chemistry: string | null;
  /** The latest state-of-health reading, in percent, when the catalogue makes it public (not in v1.2). */
  stateOfHealthPct: number | null;
}

/**
 * The catalogue attribute a state-of-health reading is: v1.2 gives it to readers with a legitimate
 * interest only, so the market's anonymous answers (and their filter and sort) leave it out, under
 * the same access rule as every other field of an anonymous answer.
 */
export const STATE_OF_HEALTH_KEY = "perf.state_of_certified_energy_pct";

export interface MarketUnitSummaryRow {
  unit_id: string;
  passport_public_id: string;
  serial_number: string | null;
  model_name: string | null;
  model_code: string | null;
  manufacturer_name: string | null;
  chemistry: string | null;
  state_of_health_pct: number | null;
}

/**
 * The select list and joins that put a unit of the mirror (`u`) beside its passport in the api's data:
 * the model, the manufacturer, the model's chemistry and the latest state-of-health reading (when public). A unit whose
 * passport this api does not hold keeps nulls.
 */
export function selectMarketUnitSummary(): { columns: string; joins: string } {
  return {
    columns: `u.id::text as unit_id, u.passport_public_id, p.serial_number, m.name as model_name,
      m.model_code, o.name as manufacturer_name,
      (select av.value_text from app.attribute_value av
         join app.attribute_definition ad on ad.id = av.attribute_id and ad.key = 'mat.chemistry'
        where av.model_id = m.id) as chemistry,
      case when exists (select 1 from app.attribute_definition
                          where key = '${STATE_OF_HEALTH_KEY}' and access = 'PUBLIC')
        then (select r.state_of_health_pct::float8 from app.reading r
               where r.passport_id = p.id and r.state_of_health_pct is not null
               order by r.measured_at desc limit 1)
      end as state_of_health_pct`,
    joins: `left join app.passport p on p.public_id = u.passport_public_id
      left join app.battery_model m on m.id = p.model_id
      left join app.organization o on o.id = p.tenant_id`,
  };
}

export function toMarketUnitSummary(row: MarketUnitSummaryRow): MarketUnitSummary {
  return {
    unitId: BigInt(row.unit_id),
    passportPublicId: row.passport_public_id,
    serialNumber: row.serial_number,
    modelName: row.model_name,
    modelCode: row.model_code,
    manufacturerName: row.manufacturer_name,
    chemistry: row.chemistry,
    stateOfHealthPct: row.state_of_health_pct,
  };
}
