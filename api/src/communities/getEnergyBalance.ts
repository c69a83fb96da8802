import { type RawBuilder, sql } from "kysely";
import type { Database } from "../database/Database.ts";

export type BalanceGranularity = "hour" | "day" | "month";

/** Energy of one period (and area), in Wh, with the ratios and the incentive derived from it. */
export interface EnergyFigures {
  productionWh: number;
  consumptionWh: number;
  fedInWh: number;
  drawnWh: number;
  sharedWh: number;
  /** Production used locally (behind the meter or shared in its area) over production; null without production. */
  selfConsumptionRatio: number | null;
  /** Consumption met locally over consumption; null without consumption. */
  selfSufficiencyRatio: number | null;
  /** Shared energy times the incentive per MWh, in the community's currency, to the cent. */
  incentive: number;
}

export interface EnergyBalanceRow extends EnergyFigures {
  period: string;
  area: string | null;
}

interface SumRow {
  period: Date;
  area: string | null;
  production_wh: string;
  fed_in_wh: string;
  drawn_wh: string;
  shared_wh: string;
  self_used_wh: string;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * The figures of summed hours. Consumption is what was drawn plus what was produced and used
 * behind the meter (production − fed in, never below 0); shared energy is, per hour and area, the
 * lesser of fed in and drawn, summed.
 */
export function toEnergyFigures(
  sums: { productionWh: number; fedInWh: number; drawnWh: number; sharedWh: number; selfUsedWh: number },
  incentivePerMwh: number,
): EnergyFigures {
  const consumptionWh = sums.drawnWh + sums.selfUsedWh;
  const local = sums.selfUsedWh + sums.sharedWh;
  return {
    productionWh: sums.productionWh,
    consumptionWh,
    fedInWh: sums.fedInWh,
    drawnWh: sums.drawnWh,
    sharedWh: sums.sharedWh,
    selfConsumptionRatio: ratio(local, sums.productionWh),
    selfSufficiencyRatio: ratio(local, consumptionWh),
    // Wh × (currency / MWh) / 10^6, in whole cents.
    incentive: Math.round((sums.sharedWh * incentivePerMwh) / 10_000) / 100,
  };
}

/**
 * The community's energy balance from its hourly rollup (never from the readings): per period of
 * `granularity` in the community's time zone, per area or for the whole community, over
 * [from, to). Shared energy is taken per hour and area before anything is summed.
 */
export async function getEnergyBalance(
  db: Database,
  params: {
    communityId: string;
    from: Date;
    to: Date;
    granularity: BalanceGranularity;
    byArea: boolean;
    area?: string;
    timezone: string;
    incentivePerMwh: number;
  },
): Promise<{ rows: EnergyBalanceRow[]; totals: EnergyFigures }> {
  const unit = sql.lit(params.granularity);
  const areaColumn: RawBuilder<string | null> = params.byArea ? sql`nullif(area, '')` : sql`null::text`;
  const { rows } = await sql<SumRow>`
    select date_trunc(${unit}, hour at time zone ${params.timezone}) at time zone ${params.timezone} as period,
           ${areaColumn} as area,
           sum(production_wh)::text as production_wh,
           sum(fed_in_wh)::text as fed_in_wh,
           sum(drawn_wh)::text as drawn_wh,
           sum(least(fed_in_wh, drawn_wh))::text as shared_wh,
           sum(greatest(production_wh - fed_in_wh, 0))::text as self_used_wh
      from app.energy_balance_hour
     where community_id = ${params.communityId}::uuid
       and hour >= ${params.from.toISOString()}::timestamptz
       and hour < ${params.to.toISOString()}::timestamptz
       ${params.area === undefined ? sql`` : sql`and area = ${params.area}`}
     group by 1, 2
     order by 1, 2
  `.execute(db.sql);
  const total = { productionWh: 0, fedInWh: 0, drawnWh: 0, sharedWh: 0, selfUsedWh: 0 };
  const balanceRows = rows.map((row) => {
    const sums = {
      productionWh: Number(row.production_wh),
      fedInWh: Number(row.fed_in_wh),
      drawnWh: Number(row.drawn_wh),
      sharedWh: Number(row.shared_wh),
      selfUsedWh: Number(row.self_used_wh),
    };
    for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += sums[key];
    return {
      period: new Date(row.period).toISOString(),
      area: row.area,
      ...toEnergyFigures(sums, params.incentivePerMwh),
    };
  });
  return { rows: balanceRows, totals: toEnergyFigures(total, params.incentivePerMwh) };
}

/**
 * One member's own energy from their meters' readings: production, fed in and drawn per period.
 * Shared energy is the community's, per area; a member's share of it is not apportioned here.
 */
export async function getMemberEnergy(
  db: Database,
  params: { memberId: string; from: Date; to: Date; granularity: BalanceGranularity; timezone: string },
) {
  const unit = sql.lit(params.granularity);
  const { rows } = await sql<{ period: Date; production_wh: string; fed_in_wh: string; drawn_wh: string }>`
    select date_trunc(${unit}, r.interval_start at time zone ${params.timezone}) at time zone ${params.timezone} as period,
           coalesce(sum(r.energy_wh) filter (where a.properties->>'meterType' = 'PRODUCTION'), 0)::text as production_wh,
           coalesce(sum(r.energy_wh) filter (where a.properties->>'meterType' = 'GRID' and r.direction = 'EXPORT'), 0)::text as fed_in_wh,
           coalesce(sum(r.energy_wh) filter (where a.properties->>'meterType' = 'GRID' and r.direction = 'IMPORT'), 0)::text as drawn_wh
      from app.meter_reading r
      join app.energy_asset a on a.id = r.asset_id
     where a.owner_id = ${params.memberId}::uuid
       and r.interval_start >= ${params.from.toISOString()}::timestamptz
       and r.interval_start < ${params.to.toISOString()}::timestamptz
     group by 1
     order by 1
  `.execute(db.sql);
  return rows.map((row) => ({
    period: new Date(row.period).toISOString(),
    productionWh: Number(row.production_wh),
    fedInWh: Number(row.fed_in_wh),
    drawnWh: Number(row.drawn_wh),
  }));
}
