import { createHash } from "node:crypto";
import type pg from "pg";
import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { type Database, getSqlPool } from "../database/prisma.ts";
import { ConflictError, ValidationError } from "../errors/ApiError.ts";
import type { ReadingInput } from "./ReadingSchemas.ts";

export interface IngestResult {
  batchId: string;
  accepted: number;
  alreadyStored: number;
  replayed: boolean;
}

/** Readings that keep a passport's dynamic attribute current: the latest measurement is its value. */
const LATEST_VALUE_KEYS = {
  cycleCount: "perf.full_cycles",
  stateOfChargePct: "perf.state_of_charge_pct",
  remainingCapacityAh: "perf.remaining_capacity_ah",
  temperatureC: "perf.temperature_c",
} as const;

const DEADLOCK_DETECTED = "40P01";
const MAX_ATTEMPTS = 3;

/**
 * Stores a batch of readings for one tenant, all or nothing. Every reading must name a passport of
 * the tenant; one bad reading refuses the batch. The Idempotency-Key makes retries safe: the same
 * key with the same body returns the first result and stores nothing; with another body it is a
 * conflict. The latest measurement of each unit also updates its dynamic attributes.
 */
export async function ingestReadings(
  db: Database,
  catalogue: AttributeCatalogue,
  params: { tenantId: string; apiKeyId: string; idempotencyKey: string; readings: ReadingInput[] },
): Promise<IngestResult> {
  const { tenantId, readings } = params;
  const requestHash = createHash("sha256").update(JSON.stringify(readings)).digest("hex");

  const publicIds = [...new Set(readings.map((reading) => reading.publicId))];
  const { rows: passports } = await getSqlPool(db).query<{ id: string; public_id: string }>(
    "select id, public_id from app.passport where tenant_id = $1::uuid and public_id = any($2::text[])",
    [tenantId, publicIds],
  );
  const passportIds = new Map(passports.map((passport) => [passport.public_id, passport.id]));
  const problems: Array<{ index: number; reason: string }> = [];
  const seen = new Map<string, number>();
  const now = Date.now();
  const measuredAt = readings.map((reading) => new Date(reading.measuredAt));
  readings.forEach((reading, index) => {
    if (!passportIds.has(reading.publicId)) {
      problems.push({ index, reason: `passport ${reading.publicId} is not one of this organization's` });
    }
    if (measuredAt[index]!.getTime() > now + 5 * 60_000)
      problems.push({ index, reason: "measuredAt is in the future" });
    const key = `${reading.publicId}@${measuredAt[index]!.toISOString()}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push({ index, reason: `repeats reading ${first} (same unit and instant)` });
    else seen.set(key, index);
  });
  if (problems.length > 0) {
    throw new ValidationError(
      `${problems.length} reading${problems.length === 1 ? " is" : "s are"} invalid; nothing was stored`,
      problems,
    );
  }

  const pool = getSqlPool(db);
  let result: IngestResult | undefined;
  // Batches of overlapping units from several gateways can still deadlock on rows written in
  // another order (triggers included); Postgres then aborts one, which is retried whole.
  for (let attempt = 1; result === undefined; attempt++) {
    const client = await pool.connect();
    try {
      await client.query("begin");
      const stored = await storeBatch(client, catalogue, { ...params, requestHash, passportIds, measuredAt });
      await client.query("commit");
      result = stored;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= MAX_ATTEMPTS) throw error;
    } finally {
      client.release();
    }
  }
  if (!result.replayed) {
    // Outside the batch's transaction, and at most every few seconds: concurrent batches of one
    // key would otherwise queue on the key's row lock until each commits.
    await pool.query(
      `update app.api_key set last_used_at = now()
        where id = $1::uuid and (last_used_at is null or last_used_at < now() - interval '5 seconds')`,
      [params.apiKeyId],
    );
  }
  return result;
}

/** The batch's writes, inside the caller's transaction: claim the key, insert, keep values current. */
async function storeBatch(
  client: pg.PoolClient,
  catalogue: AttributeCatalogue,
  params: {
    tenantId: string;
    idempotencyKey: string;
    readings: ReadingInput[];
    requestHash: string;
    passportIds: ReadonlyMap<string, string>;
    measuredAt: Date[];
  },
): Promise<IngestResult> {
  const { tenantId, idempotencyKey, readings, requestHash, passportIds, measuredAt } = params;
  const claimed = await client.query<{ id: string }>(
    `insert into app.reading_ingest_batch (tenant_id, idempotency_key, request_hash, reading_count)
     values ($1::uuid, $2, $3, $4) on conflict (tenant_id, idempotency_key) do nothing returning id`,
    [tenantId, idempotencyKey, requestHash, readings.length],
  );
  if (!claimed.rows[0]) {
    const earlier = await client.query<{ id: string; request_hash: string; reading_count: number }>(
      "select id, request_hash, reading_count from app.reading_ingest_batch where tenant_id = $1::uuid and idempotency_key = $2",
      [tenantId, idempotencyKey],
    );
    const batch = earlier.rows[0];
    if (!batch) throw new Error("an ingest batch claimed by another transaction vanished");
    if (batch.request_hash !== requestHash) {
      throw new ConflictError("this Idempotency-Key was used for a different batch");
    }
    return { batchId: batch.id, accepted: batch.reading_count, alreadyStored: 0, replayed: true };
  }
  const batchId = claimed.rows[0].id;
  const column = <K extends keyof ReadingInput>(field: K) => readings.map((reading) => reading[field] ?? null);
  const ids = readings.map((reading) => passportIds.get(reading.publicId)!);
  const times = measuredAt.map((date) => date.toISOString());
  const inserted = await client.query(
    `insert into app.reading (passport_id, measured_at, tenant_id, state_of_health_pct, state_of_charge_pct, cycle_count,
                              voltage_v, current_a, temperature_c, remaining_capacity_ah, ingest_batch_id)
     select u.passport_id, u.measured_at, $1::uuid, u.soh, u.soc, u.cycles, u.voltage, u.current, u.temperature, u.capacity, $2::uuid
       from unnest($3::uuid[], $4::timestamptz[], $5::numeric[], $6::numeric[], $7::int[], $8::numeric[], $9::numeric[],
                   $10::numeric[], $11::numeric[])
         as u(passport_id, measured_at, soh, soc, cycles, voltage, current, temperature, capacity)
     on conflict (passport_id, measured_at) do nothing`,
    [
      tenantId,
      batchId,
      ids,
      times,
      column("stateOfHealthPct"),
      column("stateOfChargePct"),
      column("cycleCount"),
      column("voltageV"),
      column("currentA"),
      column("temperatureC"),
      column("remainingCapacityAh"),
    ],
  );
  const attributeId = (field: keyof typeof LATEST_VALUE_KEYS) => catalogue.findByKey(LATEST_VALUE_KEYS[field])!.id;
  // updated_at of a reading-fed value is the instant it was measured, so an older batch
  // arriving late never overwrites a newer value. Rows are written in (passport, attribute)
  // order, so concurrent batches of overlapping units lock them in the same order.
  await client.query(
    `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, passport_id, value_numeric, updated_at)
     select distinct on (u.passport_id, a.attribute_id) $1::uuid, a.attribute_id, 'PASSPORT', u.passport_id, a.value, u.measured_at
       from unnest($2::uuid[], $3::timestamptz[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[])
         as u(passport_id, measured_at, cycles, soc, capacity, temperature)
      cross join lateral (values ($8::int, u.cycles::numeric), ($9::int, u.soc), ($10::int, u.capacity),
                                 ($11::int, round(u.temperature))) as a(attribute_id, value)
      where a.value is not null
      order by u.passport_id, a.attribute_id, u.measured_at desc
     on conflict (passport_id, attribute_id) do update
       set value_numeric = excluded.value_numeric, value_text = null, updated_at = excluded.updated_at
     where app.attribute_value.updated_at <= excluded.updated_at`,
    [
      tenantId,
      ids,
      times,
      column("cycleCount"),
      column("stateOfChargePct"),
      column("remainingCapacityAh"),
      column("temperatureC"),
      attributeId("cycleCount"),
      attributeId("stateOfChargePct"),
      attributeId("remainingCapacityAh"),
      attributeId("temperatureC"),
    ],
  );
  const stored = inserted.rowCount ?? 0;
  return { batchId, accepted: readings.length, alreadyStored: readings.length - stored, replayed: false };
}
