/**
 * Battery Pass bulk export benchmark (not a timed test): 100,000 passports of one manufacturer on
 * a fresh database, each with model values from the LMT reference catalogue and the demo
 * declarations plus four reading-fed values of its own, exported as JSON Lines by the same stream
 * the route answers with (`streamBatteryPassLines`, consumed in-process: HTTP adds only its copy).
 * Aims: ≥ 5,000 passports/s, memory flat (live heap, after a collection, every 5,000 passports;
 * the 20 collections are inside the timed export).
 * Usage: pnpm bench:battery-pass   (Postgres from DATABASE_URL, else 127.0.0.1:5432, else embedded)
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase as createPostgresDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { getAttributeCatalogue } from "../src/attributes/AttributeCatalogue.ts";
import { streamBatteryPassLines } from "../src/battery-pass/streamBatteryPassLines.ts";
import { closeDatabase, createDatabase } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";
import { DEMO_ORGANIZATIONS, seedDemo } from "../tools/seed/seedDemo.ts";

const PASSPORTS = Number(process.env.BENCH_PASSPORTS ?? 100_000);
const SAMPLE_EVERY = 5_000;
const benchDir = path.dirname(fileURLToPath(import.meta.url));

const server = await findTestPostgres(await findFreePort());
const name = `a360_battery_pass_bench_${process.pid}`;
const adminUrl = await createPostgresDatabase(server.url, name);
const databaseUrl = (await bootstrapDatabaseRoles(adminUrl)).api;
const db = createDatabase(databaseUrl);
try {
  await migrateDatabase(databaseUrl);
  // The demo manufacturer: four models with reference baselines and declarations, 300 passports.
  await seedDemo(db, []);
  const tenantId = DEMO_ORGANIZATIONS[0].id;
  const catalogue = await getAttributeCatalogue(db);
  const idOf = (key: string) => catalogue.findByKey(key)!.id;
  const seeded = await db.prisma.passport.count({ where: { tenantId } });
  const loadStart = performance.now();
  await db.prisma.$executeRawUnsafe(
    `insert into app.passport (tenant_id, public_id, model_id, serial_number, production_date)
     select $1::uuid, 'bench' || lpad(i::text, 9, '0'), m.id, m.model_code || '-B' || lpad(i::text, 7, '0'), date '2025-01-15' + (i % 300)
       from generate_series(1, $2::int) as i
       cross join lateral (select id, model_code from app.battery_model where tenant_id = $1::uuid order by model_code offset (i % 4) limit 1) m`,
    tenantId,
    PASSPORTS - seeded,
  );
  await db.prisma.$executeRawUnsafe(
    `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, passport_id, value_numeric, updated_at)
     select p.tenant_id, a.id, 'PASSPORT', p.id, a.value, timestamptz '2026-01-28 12:00Z' - (hashtext(p.public_id) % 1000) * interval '1 minute'
       from app.passport p
       cross join (values ($2::int, 120::numeric), ($3::int, 64), ($4::int, 13.2), ($5::int, 21)) as a(id, value)
      where p.tenant_id = $1::uuid`,
    tenantId,
    idOf("perf.full_cycles"),
    idOf("perf.state_of_charge_pct"),
    idOf("perf.remaining_capacity_ah"),
    idOf("perf.temperature_c"),
  );
  await db.prisma.$executeRawUnsafe("analyze app.passport, app.attribute_value");
  const total = await db.prisma.passport.count({ where: { tenantId } });
  console.log(`loaded ${total} passports in ${((performance.now() - loadStart) / 1000).toFixed(1)} s; exporting…`);

  const load = os.loadavg()[0]!.toFixed(2);
  global.gc?.();
  const heapAtStart = process.memoryUsage().heapUsed;
  const samples: number[] = [];
  let lines = 0;
  let bytes = 0;
  let carry = 0;
  const start = performance.now();
  const reader = streamBatteryPassLines(db, catalogue, tenantId, "FULL").getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
    if (lines - carry >= SAMPLE_EVERY) {
      carry = lines;
      // Live heap: collected first where the script runs with --expose-gc (pnpm bench:battery-pass does).
      global.gc?.();
      samples.push(process.memoryUsage().heapUsed);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const rate = lines / seconds;
  const mib = (value: number) => (value / 2 ** 20).toFixed(0);
  const firstHalf = samples.slice(0, Math.ceil(samples.length / 2));
  const secondHalf = samples.slice(Math.ceil(samples.length / 2));
  const peak = (values: number[]) => Math.max(0, ...values);
  const flat = peak(secondHalf) <= peak(firstHalf) * 1.25;
  const verdict = (ok: boolean) => (ok ? "met" : "missed");
  const table = [
    "| measure | result | aim | |",
    "|---|---|---|---|",
    `| JSON Lines export of ${lines.toLocaleString("en")} passports (${(bytes / 1e6).toFixed(0)} MB, ${(bytes / lines / 1000).toFixed(1)} kB a passport) | ${Math.round(rate).toLocaleString("en")} passports/s (${seconds.toFixed(1)} s) | ≥ 5,000/s | ${verdict(rate >= 5000)} |`,
    `| live heap while exporting (after a collection), every ${SAMPLE_EVERY.toLocaleString("en")} passports${global.gc ? "" : " (no --expose-gc: heap as found)"} | start ${mib(heapAtStart)} MiB, peak of first half ${mib(peak(firstHalf))} MiB, of second half ${mib(peak(secondHalf))} MiB | flat (second half ≤ 1.25 × first) | ${verdict(flat)} |`,
  ].join("\n");
  const report = `# Battery Pass export benchmark

\`pnpm bench:battery-pass\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, fresh database, the export stream consumed in-process (the route sends the same stream). 1-minute load average at the start: ${load} (the machine is shared).

${table}
`;
  if (lines !== total) throw new Error(`exported ${lines} of ${total} passports`);
  writeFileSync(path.join(benchDir, "results", "battery-pass.md"), report);
  console.log(`\n${table}\n\nwritten to bench/results/battery-pass.md`);
} finally {
  await closeDatabase(db);
  await dropDatabase(server.url, name).catch((error) => console.error(`could not drop ${name}: ${error}`));
  await server.stop();
}
