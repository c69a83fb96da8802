/**
 * Passport platform benchmark on a fresh database (not a timed test): import of 100,000 passports
 * through the CSV route, fleet completeness over them, readings ingest through the API-key route,
 * and the public passport read under 100 concurrent clients against the real server (autocannon).
 * Usage: pnpm --filter @a360/api bench   (Postgres from DATABASE_URL, else 127.0.0.1:5432, else embedded)
 * Writes bench/results/passports.md.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase as createPostgresDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { getAttributeCatalogue } from "../src/attributes/AttributeCatalogue.ts";
import { closeDatabase, createDatabase } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";
import { createApiKey } from "../src/tenancy/ApiKeys.ts";
import { createBenchManufacturer } from "./createBenchManufacturer.ts";
import { describeReadLatency, measureReadLatency } from "./measureReadLatency.ts";
import { type BenchApi, startBenchApi } from "./startBenchApi.ts";

const PASSPORTS = 100_000;
const MODELS = 20;
const UNIT_VALUES_PER_PASSPORT = 4;
const READINGS = 200_000;
const READINGS_PER_BATCH = 5_000;
const INGEST_CLIENTS = 8;
const CONNECTIONS = 100;
const READ_SECONDS = 15;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const seconds = (start: number) => (performance.now() - start) / 1000;

const server = await findTestPostgres(await findFreePort());
const name = `a360_api_bench_${process.pid}`;
// BENCH_KEEP_DATABASE=1 keeps the database afterwards, to study a query plan.
const adminUrl = await createPostgresDatabase(server.url, name);
// The api runs as its own role, as in production (role bootstrap, then migrations as that role).
const databaseUrl = (await bootstrapDatabaseRoles(adminUrl)).api;
let api: BenchApi | undefined;
const db = createDatabase(databaseUrl);
try {
  await migrateDatabase(databaseUrl);

  // No chain in the bench: the anchor sync stays off.
  api = await startBenchApi({ DATABASE_URL: databaseUrl });
  const { port, request: http } = api;
  const loads: string[] = [];
  const noteLoad = (step: string) => loads.push(`${step} ${os.loadavg()[0]!.toFixed(2)}`);

  const {
    organizationId,
    userId,
    orgPath: org,
    cookie,
  } = await createBenchManufacturer(db, `http://127.0.0.1:${port}`, MODELS);
  await db.prisma.$executeRawUnsafe(
    `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, model_id, value_text, value_numeric)
     select m.tenant_id, d.id, 'MODEL', m.id,
            case when d.value_type in ('DECIMAL', 'INTEGER') then null
                 when d.value_type = 'YEAR_MONTH' then '2030-01'
                 when d.value_type = 'URL' then 'https://bench.example/doc.pdf'
                 when d.validation ? 'allowed' then d.validation->'allowed'->>0 else 'bench' end,
            case when d.value_type in ('DECIMAL', 'INTEGER') then 1 else null end
       from app.battery_model m cross join app.attribute_definition d
      where m.tenant_id = $1::uuid and d.is_model_level and d.derived_from is null and d.id % 5 <> 0
     on conflict do nothing`,
    organizationId,
  );

  // 1. Import 100,000 passports through the CSV route.
  const lines = ["public_id,model_code,serial_number,production_date"];
  for (let i = 0; i < PASSPORTS; i++) {
    lines.push(`bench${String(i).padStart(8, "0")}x,BM-${i % MODELS},SN-${String(i).padStart(7, "0")},2026-01-15`);
  }
  const csv = `${lines.join("\n")}\n`;
  noteLoad("import");
  let start = performance.now();
  const imported = await http(`${org}/passports/import`, {
    method: "POST",
    headers: { cookie, "content-type": "text/csv" },
    body: csv,
  });
  const importSeconds = seconds(start);
  if (imported.status !== 200)
    throw new Error(`passport import: ${imported.status} ${(await imported.text()).slice(0, 500)}`);
  start = performance.now();
  const reimported = (await (
    await http(`${org}/passports/import`, {
      method: "POST",
      headers: { cookie, "content-type": "text/csv" },
      body: csv,
    })
  ).json()) as { created: number };
  const reimportSeconds = seconds(start);
  console.log(
    `import: ${importSeconds.toFixed(2)} s (re-import ${reimportSeconds.toFixed(2)} s, created ${reimported.created})`,
  );

  // Unit-level values on every passport (not timed): the fleet query has real rows to weigh.
  const catalogue = await getAttributeCatalogue(db);
  const unitKeys = [
    "perf.full_cycles",
    "perf.state_of_charge_pct",
    "perf.temperature_c",
    "id.putting_into_service_date",
  ].slice(0, UNIT_VALUES_PER_PASSPORT);
  for (const key of unitKeys) {
    const definition = catalogue.findByKey(key)!;
    const text = definition.valueType === "YEAR_MONTH" ? "'2026-02'" : "null";
    const numeric = definition.valueType === "YEAR_MONTH" ? "null" : "(random() * 50)::int";
    await db.prisma.$executeRawUnsafe(
      `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, passport_id, value_text, value_numeric)
       select tenant_id, ${definition.id}, 'PASSPORT', id, ${text}, ${numeric} from app.passport where tenant_id = $1::uuid and random() < 0.7`,
      organizationId,
    );
  }
  await db.prisma.$executeRawUnsafe("vacuum analyze app.attribute_value, app.passport, app.battery_model");
  const valueCount = await db.prisma.attributeValue.count();

  // 2. Fleet completeness through GET /completeness: median of five runs.
  noteLoad("fleet");
  const fleetRuns: number[] = [];
  let fleet: { passportCount: number } | undefined;
  for (let run = 0; run < 5; run++) {
    start = performance.now();
    const response = await http(`${org}/completeness`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`fleet completeness: ${response.status} ${await response.text()}`);
    fleet = (await response.json()) as { passportCount: number };
    fleetRuns.push(seconds(start));
  }
  const fleetSeconds = [...fleetRuns].sort((a, b) => a - b)[2]!;
  console.log(
    `fleet completeness: ${fleetRuns.map((run) => run.toFixed(2)).join(" / ")} s over ${fleet!.passportCount} passports`,
  );

  // 3. Readings ingest through POST /readings, batches of 5,000, one after another.
  const { key } = await createApiKey(db, {
    tenantId: organizationId,
    createdById: userId,
    name: "bench",
    scopes: ["readings:write"],
  });
  const publicIds = (
    await db.prisma.passport.findMany({ where: { tenantId: organizationId }, select: { publicId: true } })
  ).map((row) => row.publicId);
  const base = Date.UTC(2026, 1, 1); // after the passports' production date (2026-01-15): earlier readings are refused
  const bodies: string[] = [];
  for (let batch = 0; batch < READINGS / READINGS_PER_BATCH; batch++) {
    const readings = Array.from({ length: READINGS_PER_BATCH }, (_, i) => {
      const n = batch * READINGS_PER_BATCH + i;
      return {
        publicId: publicIds[n % publicIds.length],
        measuredAt: new Date(base + Math.floor(n / publicIds.length) * 3_600_000).toISOString(),
        stateOfHealthPct: 90 + (n % 10),
        stateOfChargePct: n % 100,
        cycleCount: n % 500,
        voltageV: 36.2,
        temperatureC: 21,
      };
    });
    bodies.push(JSON.stringify({ readings }));
  }
  // Several gateways send at once, each one batch after another, as a fleet's machines would.
  noteLoad("ingest");
  start = performance.now();
  let nextBatch = 0;
  const gateway = async () => {
    while (nextBatch < bodies.length) {
      const batch = nextBatch++;
      const response = await http("/api/v1/readings", {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "idempotency-key": `bench-batch-${batch}`,
          "content-type": "application/json",
        },
        body: bodies[batch]!,
      });
      if (response.status !== 201)
        throw new Error(`ingest: ${response.status} ${(await response.text()).slice(0, 300)}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: INGEST_CLIENTS }, gateway));
  const ingestSeconds = seconds(start);
  const readingsPerSecond = READINGS / ingestSeconds;
  console.log(`ingest: ${READINGS} readings in ${ingestSeconds.toFixed(2)} s`);

  // 4. GET /api/v1/passports/{publicId} against the server process, anonymous readers. The bulk
  // writes above leave dead rows and stale statistics that autovacuum would otherwise be working
  // off during the read; a steady-state database has had that done (not timed).
  await db.prisma.$executeRawUnsafe("vacuum analyze app.attribute_value, app.reading, app.passport");
  noteLoad("read");
  const readPath = (id: string) => `/api/v1/passports/${id}`;
  const read = await measureReadLatency({
    port,
    readPath,
    publicIds,
    connections: CONNECTIONS,
    seconds: READ_SECONDS,
  });
  console.log(`read, first of each passport: ${describeReadLatency(read.firstReads)}`);
  console.log(`read, repeated: ${describeReadLatency(read)}`);

  const verdict = (ok: boolean) => (ok ? "met" : "missed");
  const table = [
    "| measure | result | aim | |",
    "|---|---|---|---|",
    `| import of ${PASSPORTS.toLocaleString("en")} passports (POST /passports/import, CSV) | ${importSeconds.toFixed(2)} s | ≤ 10 s | ${verdict(importSeconds <= 10)} |`,
    `| re-import of the same file (no duplicates, ${reimported.created} created) | ${reimportSeconds.toFixed(2)} s | | |`,
    `| fleet completeness, ${fleet!.passportCount.toLocaleString("en")} passports × ${catalogue.definitions.length} attributes (${valueCount.toLocaleString("en")} values), GET /completeness, median of 5 (${fleetRuns.map((run) => run.toFixed(2)).join(", ")}) | ${fleetSeconds.toFixed(2)} s | ≤ 2 s | ${verdict(fleetSeconds <= 2)} |`,
    `| readings ingest (POST /readings, ${READINGS.toLocaleString("en")} in batches of ${READINGS_PER_BATCH.toLocaleString("en")}, ${INGEST_CLIENTS} clients at once) | ${Math.round(readingsPerSecond).toLocaleString("en")} readings/s | ≥ 20,000/s | ${verdict(readingsPerSecond >= 20_000)} |`,
    `| GET /api/v1/passports/{publicId}, anonymous, ${CONNECTIONS} connections: first read of each of the ${publicIds.length.toLocaleString("en")} passports (none in the server's public read cache) | ${describeReadLatency(read.firstReads)} | | |`,
    `| GET /api/v1/passports/{publicId}, anonymous, ${CONNECTIONS} connections, ${READ_SECONDS} s of repeat reads (the stride goes on through every passport) | ${describeReadLatency(read)} | p95 ≤ 20 ms | ${verdict(read.p95 <= 20 && read.non2xx === 0 && read.firstReads.non2xx === 0)} |`,
  ].join("\n");
  const report = `# Passport platform benchmark

\`pnpm --filter @a360/api bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, fresh database. The api server runs in its own process and every timed step goes to it over HTTP; autocannon runs in the bench process; Postgres, both and whatever else runs on the machine share its CPUs. 1-minute load average at the start of each step: ${loads.join(", ")}.

${table}
`;
  writeFileSync(path.join(benchDir, "results", "passports.md"), report);
  console.log(`\n${table}\n\nwritten to bench/results/passports.md`);
} finally {
  // Let the server finish and disconnect before its database is dropped under it.
  await api?.stop();
  await closeDatabase(db);
  if (process.env.BENCH_KEEP_DATABASE) console.log(`kept ${databaseUrl}`);
  else await dropDatabase(server.url, name).catch((error) => console.error(`could not drop ${name}: ${error}`));
  await server.stop();
}
