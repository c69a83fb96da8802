/**
 * Energy community benchmark on a fresh database (not a timed test): a community of 1,000 meters
 * in 10 areas; ingest of 15-minute readings (the function the readings route calls, batches of
 * 10,000, 4 at once) for BENCH_ENERGY_DAYS days (default 7; 365 loads the whole year, ≈ 35 million
 * readings); then the balance a year of those meters leaves: the hours of the year the ingest did
 * not reach are written straight into the hourly rollup (the balance reads only the rollup: 10
 * areas × 8,760 hours whatever the number of readings), and a month by area and hour, a year by day
 * and a member's month are read BALANCE_RUNS times each.
 * Usage: pnpm bench:energy   (Postgres from DATABASE_URL, else 127.0.0.1:5432, else embedded)
 * Writes bench/results/energy.md.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase as createPostgresDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { sql } from "kysely";
import { getEnergyBalance, getMemberEnergy } from "../src/communities/getEnergyBalance.ts";
import {
  findCommunityMeters,
  ingestMeterReadings,
  type MeterReadingInput,
} from "../src/communities/ingestMeterReadings.ts";
import { closeDatabase, createDatabase } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";

const METERS = 1_000;
const PRODUCTION_METERS = 300;
const AREAS = 10;
const DAYS = Number(process.env.BENCH_ENERGY_DAYS ?? 7);
const BATCH = 10_000;
const PARALLEL = 4;
const BALANCE_RUNS = 20;
const YEAR_START = Date.parse("2025-01-01T00:00:00Z");
const QUARTER_HOUR_MS = 15 * 60 * 1000;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const server = await findTestPostgres(await findFreePort());
const name = `a360_energy_bench_${process.pid}`;
const adminUrl = await createPostgresDatabase(server.url, name);
const databaseUrl = (await bootstrapDatabaseRoles(adminUrl)).api;
const db = createDatabase(databaseUrl);
try {
  await migrateDatabase(databaseUrl);
  const organization = await db.prisma.organization.create({
    data: { name: "Bench community operator", kind: "COMMUNITY_OPERATOR" },
  });
  const tenantId = organization.id;
  const areas = Array.from({ length: AREAS }, (_, index) => ({
    key: `area-${index}`,
    name: `Area ${index}`,
    topology: [],
  }));
  const community = await db.prisma.community.create({
    data: {
      tenantId,
      key: "bench",
      name: "Bench community",
      areas,
      settings: { timezone: "Europe/Rome", incentivePerMwh: 110 },
    },
  });
  const communityId = community.id;
  // 1,000 members, one meter each (the first 300 measure production, the rest sit at the grid connection).
  await sql`
    insert into app.community_member (tenant_id, community_id, key, name, role, area, status)
    select ${tenantId}::uuid, ${communityId}::uuid, 'M-' || lpad(i::text, 6, '0'), 'Member ' || i,
           'PROSUMER', 'area-' || (i % ${AREAS}), 'ACTIVE'
      from generate_series(1, ${METERS}) as i`.execute(db.sql);
  await sql`
    insert into app.energy_asset (tenant_id, community_id, owner_id, key, type, name, properties)
    select m.tenant_id, m.community_id, m.id, 'meter-' || substr(m.key, 3), 'METER', 'Meter ' || m.key,
           jsonb_build_object('meterType', case when substr(m.key, 3)::int <= ${PRODUCTION_METERS} then 'PRODUCTION' else 'GRID' end,
                              'pod', 'IT001E' || lpad(substr(m.key, 3), 8, '0'), 'direction', 'BIDIRECTIONAL')
      from app.community_member m where m.community_id = ${communityId}::uuid`.execute(db.sql);
  const meters = await findCommunityMeters(db, communityId);
  const meterKeys = [...meters.keys()].sort();

  /** One day of readings: production meters follow the sun, grid meters feed in at midday and draw otherwise. */
  function getDayReadings(day: number): MeterReadingInput[] {
    const readings: MeterReadingInput[] = [];
    for (let slot = 0; slot < 96; slot++) {
      const start = YEAR_START + day * 86_400_000 + slot * QUARTER_HOUR_MS;
      const startIso = new Date(start).toISOString();
      const hour = slot / 4;
      const sun = hour > 6 && hour < 19 ? Math.sin(((hour - 6) / 13) * Math.PI) : 0;
      for (const [index, key] of meterKeys.entries()) {
        const production = meters.get(key)!.meterType === "PRODUCTION";
        const exporting = production || (sun > 0.5 && index % 3 === 0);
        const energyWh = Math.round(production ? 1500 * sun : exporting ? 400 * sun : 150 + (index % 7) * 20);
        readings.push({ meter: key, direction: exporting ? "EXPORT" : "IMPORT", start: startIso, energyWh });
      }
    }
    return readings;
  }

  // 1. Ingest: DAYS days of readings, batches of 10,000, PARALLEL at once.
  const load = os.loadavg()[0]!;
  let ingested = 0;
  let ingestMs = 0;
  for (let day = 0; day < DAYS; day++) {
    const readings = getDayReadings(151 + day);
    const batches: MeterReadingInput[][] = [];
    for (let index = 0; index < readings.length; index += BATCH) batches.push(readings.slice(index, index + BATCH));
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const result = await ingestMeterReadings(db, { tenantId, communityId, readings: batch, meters });
          ingested += result.accepted;
        }
      }),
    );
    ingestMs += performance.now() - start;
    if (day % 7 === 6) console.log(`ingested ${day + 1} days: ${ingested.toLocaleString("en")} readings`);
  }
  const ingestRate = Math.round(ingested / (ingestMs / 1000));
  console.log(
    `ingest: ${ingested.toLocaleString("en")} readings in ${(ingestMs / 1000).toFixed(1)} s = ${ingestRate.toLocaleString("en")}/s`,
  );

  // 2. The rest of the year's hours, straight into the rollup.
  const synthesized = await sql<{ count: string }>`
    with inserted as (
      insert into app.energy_balance_hour (community_id, area, hour, tenant_id, production_wh, fed_in_wh, drawn_wh, readings)
      select ${communityId}::uuid, 'area-' || a, h, ${tenantId}::uuid,
             (120000 * greatest(sin(pi() * (extract(hour from h) - 6) / 13), 0))::bigint,
             (40000 * greatest(sin(pi() * (extract(hour from h) - 6) / 13), 0))::bigint,
             (60000 + 1000 * a)::bigint, 400
        from generate_series(0, ${AREAS - 1}) as a,
             generate_series(${new Date(YEAR_START).toISOString()}::timestamptz,
                             ${new Date(YEAR_START + 364 * 86_400_000 + 23 * 3_600_000).toISOString()}::timestamptz,
                             interval '1 hour') as h
      on conflict do nothing
      returning 1
    )
    select count(*)::text as count from inserted`.execute(db.sql);
  await sql`analyze app.energy_balance_hour`.execute(db.sql);
  await sql`analyze app.meter_reading`.execute(db.sql);
  const rollupRows = await db.prisma.energyBalanceHour.count({ where: { communityId } });

  // 3. Reads.
  async function time(run: () => Promise<unknown>) {
    await run();
    const times: number[] = [];
    for (let index = 0; index < BALANCE_RUNS; index++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
  }
  const common = { communityId, timezone: "Europe/Rome", incentivePerMwh: 110 };
  const june = { from: new Date("2025-06-01T00:00:00+02:00"), to: new Date("2025-07-01T00:00:00+02:00") };
  const year = { from: new Date("2025-01-01T00:00:00+01:00"), to: new Date("2026-01-01T00:00:00+01:00") };
  const monthByAreaHour = await time(() =>
    getEnergyBalance(db, { ...common, ...june, granularity: "hour", byArea: true }),
  );
  const yearByDay = await time(() => getEnergyBalance(db, { ...common, ...year, granularity: "day", byArea: false }));
  const yearByDayArea = await time(() =>
    getEnergyBalance(db, { ...common, ...year, granularity: "day", byArea: true }),
  );
  const member = await db.prisma.communityMember.findFirstOrThrow({ where: { communityId, key: "M-000500" } });
  const memberMonth = await time(() =>
    getMemberEnergy(db, { memberId: member.id, ...june, granularity: "day", timezone: "Europe/Rome" }),
  );

  const fmt = (value: number) => `${value.toFixed(1)} ms`;
  const readingCount = await db.prisma.meterReading.count();
  const rows = [
    [
      "ingest of 15-minute readings (batches of 10,000, 4 at once)",
      `${ingestRate.toLocaleString("en")} readings/s`,
      "≥ 100,000/s",
      `${ingested.toLocaleString("en")} readings, ${DAYS} days × 1,000 meters`,
    ],
    [
      "month by area and hour (June, 10 areas)",
      `p50 ${fmt(monthByAreaHour.p50)}, p95 ${fmt(monthByAreaHour.p95)}`,
      "≤ 1 s",
      `max ${fmt(monthByAreaHour.max)}`,
    ],
    [
      "year by day (community)",
      `p50 ${fmt(yearByDay.p50)}, p95 ${fmt(yearByDay.p95)}`,
      "≤ 1 s",
      `max ${fmt(yearByDay.max)}`,
    ],
    [
      "year by day and area",
      `p50 ${fmt(yearByDayArea.p50)}, p95 ${fmt(yearByDayArea.p95)}`,
      "—",
      `max ${fmt(yearByDayArea.max)}`,
    ],
    [
      "a member's month by day (from readings)",
      `p50 ${fmt(memberMonth.p50)}, p95 ${fmt(memberMonth.p95)}`,
      "—",
      `max ${fmt(memberMonth.max)}`,
    ],
  ];
  const table = [
    "| measure | result | aim | notes |",
    "|---|---|---|---|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
  const report = `# Energy community benchmark

\`pnpm bench:energy\` (BENCH_ENERGY_DAYS=${DAYS}) on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPUs, load average ${load.toFixed(2)} when the ingest began (a shared machine).

${table}

- Readings stored: ${readingCount.toLocaleString("en")}. The ingest is \`ingestMeterReadings\`, the function \`POST …/communities/{id}/readings\` calls (JSON parsing and validation of the request body not included); each batch also adds its hours to the rollup in the same statement.
- The balance reads only the hourly rollup (\`energy_balance_hour\`): ${rollupRows.toLocaleString("en")} rows for the year, of which ${Number(synthesized.rows[0]?.count ?? 0).toLocaleString("en")} were written straight into it for the hours the ingest did not reach, so the balance reads what a year of 1,000 meters leaves without loading ≈ 35 million readings (BENCH_ENERGY_DAYS=365 loads them).
- Each read is run once to warm up, then ${BALANCE_RUNS} times.
`;
  console.log(`\n${table}`);
  writeFileSync(path.join(benchDir, "results", "energy.md"), report);
  console.log(`\nwrote ${path.join("bench", "results", "energy.md")}`);
} finally {
  await closeDatabase(db);
  await dropDatabase(server.url, name);
  await server.stop();
}
