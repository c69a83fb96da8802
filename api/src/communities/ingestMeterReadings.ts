import { sql } from "kysely";
import type { Database } from "../database/Database.ts";
import { ValidationError } from "../errors/ApiError.ts";
import { readJsonObject } from "./CommunityJson.ts";

export interface MeterReadingInput {
  /** The meter's asset key in the community. */
  meter: string;
  direction: "IMPORT" | "EXPORT";
  /** Start of the 15-minute interval. */
  start: string;
  energyWh: number;
}

export interface MeterReadingIngest {
  accepted: number;
  alreadyStored: number;
}

/** What a meter's readings count as in the balance. */
type Flow = "PRODUCTION" | "FED_IN" | "DRAWN" | "NONE";

interface MeterInfo {
  id: string;
  area: string;
  meterType: string;
  direction: string;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const DEADLOCK_DETECTED = "40P01";

function getFlow(meter: MeterInfo, direction: "IMPORT" | "EXPORT"): Flow {
  if (meter.meterType === "PRODUCTION") return "PRODUCTION";
  if (meter.meterType === "GRID") return direction === "EXPORT" ? "FED_IN" : "DRAWN";
  return "NONE";
}

/** The community's live meters by key, with the area of their owner. */
export async function findCommunityMeters(db: Database, communityId: string): Promise<Map<string, MeterInfo>> {
  const rows = await db.sql
    .selectFrom("energy_asset as a")
    .innerJoin("community_member as m", "m.id", "a.owner_id")
    .select(["a.id", "a.key", "a.properties", "m.area"])
    .where("a.community_id", "=", communityId)
    .where("a.type", "=", "METER")
    .where("a.deleted_at", "is", null)
    .execute();
  return new Map(
    rows.map((row) => {
      const properties = readJsonObject(row.properties);
      return [
        row.key,
        {
          id: row.id,
          area: row.area ?? "",
          meterType: String(properties.meterType),
          direction: String(properties.direction),
        },
      ];
    }),
  );
}

/**
 * Stores a batch of 15-minute meter readings of one community, all or nothing, and adds the new
 * ones to the hourly balance in the same statement. Every reading must name a live meter of the
 * community in a direction the meter records, an interval start on a quarter hour not in the
 * future, and whole Wh. A reading already stored for a meter, direction and interval is kept and
 * counted as `alreadyStored`, so a batch sent twice changes nothing.
 */
export async function ingestMeterReadings(
  db: Database,
  params: { tenantId: string; communityId: string; readings: MeterReadingInput[]; meters?: Map<string, MeterInfo> },
): Promise<MeterReadingIngest> {
  const { tenantId, communityId, readings } = params;
  const meters = params.meters ?? (await findCommunityMeters(db, communityId));
  const problems: Array<{ path: string; message: string }> = [];
  const assetIds: string[] = [];
  const directions: string[] = [];
  const starts: string[] = [];
  const energies: string[] = [];
  const flows: string[] = [];
  const areas: string[] = [];
  const latest = Date.now();
  const seen = new Set<string>();
  for (const [index, reading] of readings.entries()) {
    const meter = meters.get(reading.meter);
    const start = Date.parse(reading.start);
    if (!meter) problems.push({ path: `readings.${index}.meter`, message: `no meter ${reading.meter}` });
    else if (meter.direction !== "BIDIRECTIONAL" && meter.direction !== reading.direction) {
      problems.push({ path: `readings.${index}.direction`, message: `the meter records ${meter.direction} only` });
    }
    if (Number.isNaN(start) || start % QUARTER_HOUR_MS !== 0) {
      problems.push({ path: `readings.${index}.start`, message: "an interval starts on a quarter hour" });
    } else if (start > latest) problems.push({ path: `readings.${index}.start`, message: "in the future" });
    if (problems.length >= 100) break;
    if (!meter) continue;
    const slot = `${meter.id}|${reading.direction}|${start}`;
    if (seen.has(slot)) {
      problems.push({ path: `readings.${index}`, message: "the batch has this meter, direction and interval twice" });
      continue;
    }
    seen.add(slot);
    assetIds.push(meter.id);
    directions.push(reading.direction);
    starts.push(new Date(start).toISOString());
    energies.push(String(reading.energyWh));
    flows.push(getFlow(meter, reading.direction));
    areas.push(meter.area);
  }
  if (problems.length > 0) throw new ValidationError("the batch has readings the community cannot take", problems);

  for (let attempt = 1; ; attempt++) {
    try {
      const result = await sql<{ accepted: number }>`
        with input as (
          select * from unnest(${assetIds}::uuid[], ${directions}::app."MeterDirection"[], ${starts}::timestamptz[],
                               ${energies}::bigint[], ${flows}::text[], ${areas}::text[])
            as t(asset_id, direction, interval_start, energy_wh, flow, area)
        ),
        inserted as (
          insert into app.meter_reading (asset_id, direction, interval_start, tenant_id, community_id, energy_wh)
          select asset_id, direction, interval_start, ${tenantId}::uuid, ${communityId}::uuid, energy_wh from input
          on conflict do nothing
          returning asset_id, direction, interval_start
        ),
        hourly as (
          select i.area, date_trunc('hour', i.interval_start) as hour,
                 sum(i.energy_wh) filter (where i.flow = 'PRODUCTION') as production_wh,
                 sum(i.energy_wh) filter (where i.flow = 'FED_IN') as fed_in_wh,
                 sum(i.energy_wh) filter (where i.flow = 'DRAWN') as drawn_wh,
                 count(*) as readings
            from inserted n
            join input i using (asset_id, direction, interval_start)
           group by 1, 2
           -- One lock order for every batch, so concurrent ingests wait instead of deadlocking.
           order by 1, 2
        ),
        rolled as (
          insert into app.energy_balance_hour
                 (community_id, area, hour, tenant_id, production_wh, fed_in_wh, drawn_wh, readings)
          select ${communityId}::uuid, area, hour, ${tenantId}::uuid, coalesce(production_wh, 0),
                 coalesce(fed_in_wh, 0), coalesce(drawn_wh, 0), readings
            from hourly
          on conflict (community_id, area, hour) do update set
            production_wh = energy_balance_hour.production_wh + excluded.production_wh,
            fed_in_wh = energy_balance_hour.fed_in_wh + excluded.fed_in_wh,
            drawn_wh = energy_balance_hour.drawn_wh + excluded.drawn_wh,
            readings = energy_balance_hour.readings + excluded.readings
          returning 1
        )
        select (select count(*) from inserted)::int as accepted, (select count(*) from rolled) as hours
      `.execute(db.sql);
      const accepted = result.rows[0]?.accepted ?? 0;
      return { accepted, alreadyStored: assetIds.length - accepted };
    } catch (error) {
      const deadlock =
        typeof error === "object" && error !== null && "code" in error && error.code === DEADLOCK_DETECTED;
      if (!deadlock || attempt >= 3) throw error;
    }
  }
}
