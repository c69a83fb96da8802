import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { Database, Tables } from "../database/Database.ts";
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
  const measuredAt = readings.map((reading) => new Date(reading.measuredAt));
  // The same batch is the same instants, however they are spelled (`Z` or `+00:00`, with or
  // without milliseconds): a retry through another client library is still a replay.
  const requestHash = createHash("sha256")
    .update(
      JSON.stringify(readings.map((reading, index) => ({ ...reading, measuredAt: measuredAt[index]!.toISOString() }))),
    )
    .digest("hex");

  const publicIds = [...new Set(readings.map((reading) => reading.publicId))];
  const passports = await db.sql
    .selectFrom("passport")
    .select(["id", "public_id", "production_date"])
    .where("tenant_id", "=", tenantId)
    .where("public_id", "=", sql<string>`any(${publicIds}::text[])`)
    .execute();
  const passportIds = new Map(passports.map((passport) => [passport.public_id, passport.id]));
  const problems: Array<{ index: number; reason: string }> = [];
  const seen = new Map<string, number>();
  const producedOn = new Map(passports.map((passport) => [passport.public_id, passport.production_date]));
  const now = Date.now();
  readings.forEach((reading, index) => {
    if (!passportIds.has(reading.publicId)) {
      problems.push({ index, reason: `passport ${reading.publicId} is not one of this organization's` });
    }
    const time = measuredAt[index]!.getTime();
    const production = producedOn.get(reading.publicId);
    if (time > now + 5 * 60_000) problems.push({ index, reason: "measuredAt is in the future" });
    else if (time < 0) problems.push({ index, reason: "measuredAt is before 1970" });
    // A unit measured before the day it was produced: the clock of the gateway is wrong.
    else if (production && time < production.getTime()) {
      problems.push({
        index,
        reason: `measuredAt is before the unit's production date ${production.toISOString().slice(0, 10)}`,
      });
    }
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

  let result: IngestResult | undefined;
  // Batches of overlapping units from several gateways can still deadlock on rows written in
  // another order (triggers included); Postgres then aborts one, which is retried whole.
  for (let attempt = 1; result === undefined; attempt++) {
    try {
      result = await db.sql
        .transaction()
        .execute((trx) => storeBatch(trx, catalogue, { ...params, requestHash, passportIds, measuredAt }));
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
  if (!result.replayed) {
    // Outside the batch's transaction, and at most every few seconds: concurrent batches of one
    // key would otherwise queue on the key's row lock until each commits.
    await db.sql
      .updateTable("api_key")
      .set({ last_used_at: sql`now()` })
      .where("id", "=", params.apiKeyId)
      .where((where) =>
        where.or([
          where("last_used_at", "is", null),
          where("last_used_at", "<", sql<Date>`now() - interval '5 seconds'`),
        ]),
      )
      .execute();
  }
  return result;
}

/** The batch's writes, inside the caller's transaction: claim the key, insert, keep values current. */
async function storeBatch(
  trx: Kysely<Tables>,
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
  const claimed = await trx
    .insertInto("reading_ingest_batch")
    .values({
      tenant_id: tenantId,
      idempotency_key: idempotencyKey,
      request_hash: requestHash,
      reading_count: readings.length,
    })
    .onConflict((conflict) => conflict.columns(["tenant_id", "idempotency_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!claimed) {
    const batch = await trx
      .selectFrom("reading_ingest_batch")
      .select(["id", "request_hash", "reading_count"])
      .where("tenant_id", "=", tenantId)
      .where("idempotency_key", "=", idempotencyKey)
      .executeTakeFirst();
    if (!batch) throw new Error("an ingest batch claimed by another transaction vanished");
    if (batch.request_hash !== requestHash) {
      throw new ConflictError("this Idempotency-Key was used for a different batch");
    }
    return { batchId: batch.id, accepted: batch.reading_count, alreadyStored: 0, replayed: true };
  }
  const batchId = claimed.id;
  const column = <K extends keyof ReadingInput>(field: K) => readings.map((reading) => reading[field] ?? null);
  const ids = readings.map((reading) => passportIds.get(reading.publicId)!);
  const times = measuredAt.map((date) => date.toISOString());
  const inserted =
    await sql`insert into app.reading (passport_id, measured_at, tenant_id, state_of_health_pct, state_of_charge_pct, cycle_count,
                              voltage_v, current_a, temperature_c, remaining_capacity_ah, ingest_batch_id)
     select u.passport_id, u.measured_at, ${tenantId}::uuid, u.soh, u.soc, u.cycles, u.voltage, u.current, u.temperature, u.capacity, ${batchId}::uuid
       from unnest(${ids}::uuid[], ${times}::timestamptz[], ${column("stateOfHealthPct")}::numeric[],
                   ${column("stateOfChargePct")}::numeric[], ${column("cycleCount")}::int[], ${column("voltageV")}::numeric[],
                   ${column("currentA")}::numeric[], ${column("temperatureC")}::numeric[], ${column("remainingCapacityAh")}::numeric[])
         as u(passport_id, measured_at, soh, soc, cycles, voltage, current, temperature, capacity)
     on conflict (passport_id, measured_at) do nothing`.execute(trx);
  const attributeId = (field: keyof typeof LATEST_VALUE_KEYS) => catalogue.findByKey(LATEST_VALUE_KEYS[field])!.id;
  // updated_at of a reading-fed value is the instant it was measured, so an older batch
  // arriving late never overwrites a newer value. Rows are written in (passport, attribute)
  // order, so concurrent batches of overlapping units lock them in the same order.
  await sql`insert into app.attribute_value (tenant_id, attribute_id, holder_kind, passport_id, value_numeric, updated_at)
     select distinct on (u.passport_id, a.attribute_id) ${tenantId}::uuid, a.attribute_id, 'PASSPORT', u.passport_id, a.value, u.measured_at
       from unnest(${ids}::uuid[], ${times}::timestamptz[], ${column("cycleCount")}::int[],
                   ${column("stateOfChargePct")}::numeric[], ${column("remainingCapacityAh")}::numeric[],
                   ${column("temperatureC")}::numeric[])
         as u(passport_id, measured_at, cycles, soc, capacity, temperature)
      cross join lateral (values (${attributeId("cycleCount")}::int, u.cycles::numeric),
                                 (${attributeId("stateOfChargePct")}::int, u.soc),
                                 (${attributeId("remainingCapacityAh")}::int, u.capacity),
                                 (${attributeId("temperatureC")}::int, round(u.temperature))) as a(attribute_id, value)
      where a.value is not null
      order by u.passport_id, a.attribute_id, u.measured_at desc
     on conflict (passport_id, attribute_id) do update
       set value_numeric = excluded.value_numeric, value_text = null, value_json = null, updated_at = excluded.updated_at
     where app.attribute_value.updated_at <= excluded.updated_at`.execute(trx);
  const stored = Number(inserted.numAffectedRows ?? 0n);
  return { batchId, accepted: readings.length, alreadyStored: readings.length - stored, replayed: false };
}
