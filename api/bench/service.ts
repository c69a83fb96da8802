/**
 * Service records benchmark (not a timed test), against the api server in its own process on a
 * fresh database:
 * - work-order completion (the one-transaction write of record, entries, usage, recommendation,
 *   inventory, notification, audit and outbox) with 20 completions in flight at once;
 * - a verified centre's availability over 90 days (hourly slots, 2 places, 600 appointments held);
 * - a unit's timeline with 10,000 entries: the first page, a page deep in the history, and all of it.
 * Usage: pnpm --filter @a360/api bench:service   (Postgres from DATABASE_URL, else 127.0.0.1:5432, else embedded)
 * Writes bench/results/service.md.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase as createPostgresDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { SESSION_COOKIE, startSession } from "../src/auth/sessions.ts";
import { closeDatabase, createDatabase, type Database } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";
import { type BenchApi, startBenchApi } from "./startBenchApi.ts";

const COMPLETIONS = 400;
const IN_FLIGHT = 20;
const READS = 200;
const TIMELINE_ENTRIES = 10_000;

const benchDir = path.dirname(fileURLToPath(import.meta.url));

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    n: sorted.length,
  };
}

const describeCpu = (ms: number) => `${ms.toFixed(1)} ms`;
const describe = (s: ReturnType<typeof summarise>) =>
  `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (${s.n} requests)`;

async function signedInUser(db: Database, address: string) {
  const user = await db.prisma.user.create({ data: { address } });
  const { token } = await startSession(db, { address: address as `0x${string}`, chainId: 31337, ttlHours: 2 });
  return { userId: user.id, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Runs `count` calls of `run`, `inFlight` at a time, and returns each call's milliseconds. */
async function timeConcurrently(
  count: number,
  inFlight: number,
  run: (index: number) => Promise<void>,
): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const index = next++;
        const start = performance.now();
        await run(index);
        samples.push(performance.now() - start);
      }
    }),
  );
  return samples;
}

const server = await findTestPostgres(await findFreePort());
const name = `a360_service_bench_${process.pid}`;
const adminUrl = await createPostgresDatabase(server.url, name);
const databaseUrl = (await bootstrapDatabaseRoles(adminUrl)).api;
let api: BenchApi | undefined;
const db = createDatabase(databaseUrl);
try {
  await migrateDatabase(databaseUrl);
  // Workers off: the completion still sends its outbox jobs (part of its cost); no chain is needed.
  api = await startBenchApi({ DATABASE_URL: databaseUrl, JOB_WORKERS: "false" });
  const { request } = api;

  // A verified centre, an owner with one unit in the garage linked to it, a catalogue with stock.
  const manufacturer = await db.prisma.organization.create({ data: { name: "Bench Cells", kind: "MANUFACTURER" } });
  const model = await db.prisma.batteryModel.create({
    data: { tenantId: manufacturer.id, modelCode: "BENCH-1", name: "Bench pack", batteryCategory: "LMT" },
  });
  const centre = await db.prisma.organization.create({ data: { name: "Bench Garage", kind: "SERVICE_CENTRE" } });
  const mechanic = await signedInUser(db, "0x000000000000000000000000000000000000ce01");
  await db.prisma.membership.create({ data: { organizationId: centre.id, userId: mechanic.userId, role: "ADMIN" } });
  await db.prisma.serviceCentreProfile.create({
    data: { organizationId: centre.id, displayName: "Bench Garage", verifiedAt: new Date() },
  });
  const hours: Record<string, string[][]> = {};
  for (let day = 1; day <= 7; day++)
    hours[day] = [
      ["08:00", "12:00"],
      ["13:00", "18:00"],
    ];
  await db.prisma.serviceBookingSettings.create({
    data: { organizationId: centre.id, timezone: "Europe/Berlin", weeklyHours: hours, slotMinutes: 60, capacity: 2 },
  });
  const owner = await signedInUser(db, "0x000000000000000000000000000000000000ce02");
  const garage = await db.prisma.organization.create({ data: { name: "Bench owner", kind: "OWNER" } });
  await db.prisma.membership.create({ data: { organizationId: garage.id, userId: owner.userId, role: "ADMIN" } });
  const oil = await db.prisma.serviceCatalogueItem.create({
    data: { tenantId: centre.id, sku: "OIL", name: "Oil", kind: "FLUID", unit: "L", unitPriceCents: 1290n },
  });
  await db.prisma.inventoryTransaction.create({
    data: { tenantId: centre.id, catalogueItemId: oil.id, kind: "RECEIPT", quantity: 100_000 },
  });

  // One unit per completion (each order has its own unit, as in a busy centre), all IN_PROGRESS.
  const passports = await db.prisma.passport.createManyAndReturn({
    data: Array.from({ length: COMPLETIONS + 1 }, (_, i) => ({
      tenantId: manufacturer.id,
      publicId: `bench-service-${i}-${process.pid}`,
      modelId: model.id,
      serialNumber: `SVC-${i}`,
    })),
    select: { id: true },
  });
  await db.prisma.garageUnit.createMany({
    data: passports.map((passport) => ({
      tenantId: garage.id,
      passportId: passport.id,
      ownerUserId: owner.userId,
      source: "REGISTERED" as const,
    })),
  });
  await db.prisma.serviceLink.createMany({
    data: passports.map((passport) => ({
      tenantId: garage.id,
      passportId: passport.id,
      serviceOrgId: centre.id,
      status: "ACTIVE" as const,
      method: "INVITE" as const,
    })),
  });
  const orders = await db.prisma.workOrder.createManyAndReturn({
    data: passports.slice(0, COMPLETIONS).map((passport, i) => ({
      tenantId: centre.id,
      number: i + 1,
      passportId: passport.id,
      ownerOrgId: garage.id,
      status: "IN_PROGRESS" as const,
      createdById: mechanic.userId,
    })),
    select: { id: true },
  });
  await db.prisma.workOrderLabour.createMany({
    data: orders.map((order) => ({
      tenantId: centre.id,
      workOrderId: order.id,
      description: "Service",
      hours: 1.5,
      rateCents: 8000n,
      nextServiceMonths: 12,
      nextServiceUsage: 15000,
    })),
  });
  await db.prisma.workOrderPart.createMany({
    data: orders.map((order) => ({
      tenantId: centre.id,
      workOrderId: order.id,
      catalogueItemId: oil.id,
      sku: "OIL",
      name: "Oil",
      kind: "FLUID" as const,
      unit: "L",
      quantity: 4.5,
      unitPriceCents: 1290n,
    })),
  });
  await db.prisma.$executeRawUnsafe("analyze");

  // 1. Completions, 20 in flight.
  const load = os.loadavg()[0]!.toFixed(2);
  const uptime = () => execFileSync("uptime").toString().trim();
  const uptimeBefore = uptime();
  const cpuPer = async (requests: number, run: () => Promise<void>) => {
    const before = api!.cpuMs();
    await run();
    return (api!.cpuMs() - before) / requests;
  };
  let failures = 0;
  let completionSamples: number[] = [];
  const completionCpu = await cpuPer(COMPLETIONS, async () => {
    completionSamples = await timeConcurrently(COMPLETIONS, IN_FLIGHT, async (index) => {
      const response = await request(
        `/api/v1/organizations/${centre.id}/service/work-orders/${orders[index]!.id}/completion`,
        {
          method: "POST",
          headers: { cookie: mechanic.cookie, "content-type": "application/json" },
          body: JSON.stringify({ usageValue: 10_000 + index, decision: "Repaired" }),
        },
      );
      if (response.status !== 200) failures++;
      await response.arrayBuffer();
    });
  });
  const completion = summarise(completionSamples);
  const records = await db.prisma.serviceRecord.count({ where: { tenantId: centre.id } });
  console.log(`completion: ${describe(completion)}; ${records} records, ${failures} failures`);

  // 2. Availability over 90 days with 600 appointments holding places.
  const from = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1));
  const to = new Date(from.getTime() + 90 * 86_400_000);
  await db.prisma.serviceAppointment.createMany({
    data: Array.from({ length: 600 }, (_, i) => {
      const startsAt = new Date(from.getTime() + Math.floor(i / 6.67) * 86_400_000 + (7 + (i % 9)) * 3_600_000);
      return {
        tenantId: centre.id,
        ownerOrgId: garage.id,
        passportId: passports[i % passports.length]!.id,
        requestedById: owner.userId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        status: "CONFIRMED" as const,
      };
    }),
  });
  const availabilityPath = `/api/v1/service-centres/${centre.id}/availability?from=${from.toISOString()}&to=${to.toISOString()}`;
  let slotCount = 0;
  let availabilitySamples: number[] = [];
  const availabilityCpu = await cpuPer(READS, async () => {
    availabilitySamples = await timeConcurrently(READS, 1, async () => {
      const response = await request(availabilityPath);
      slotCount = ((await response.json()) as { slots: unknown[] }).slots.length;
    });
  });
  const availability = summarise(availabilitySamples);
  console.log(`availability: ${describe(availability)}; ${slotCount} slots`);

  // 3. A unit's timeline of 10,000 entries.
  const unit = passports[COMPLETIONS]!.id;
  await db.prisma.$executeRawUnsafe(
    `insert into app.unit_entry (tenant_id, passport_id, kind, occurred_at, title, amount_cents, currency, quantity, quantity_unit)
     select $1::uuid, $2::uuid, (array['FUEL','EXPENSE','NOTE'])[1 + i % 3]::app."UnitEntryKind",
            now() - (i || ' hours')::interval, 'Entry ' || i, 1000 + i, 'EUR', 40, 'L'
       from generate_series(1, ${TIMELINE_ENTRIES}) as i`,
    garage.id,
    unit,
  );
  await db.prisma.$executeRawUnsafe("analyze app.unit_entry");
  const timelinePath = `/api/v1/units/${unit}/timeline`;
  let firstPageSamples: number[] = [];
  const firstPageCpu = await cpuPer(READS, async () => {
    firstPageSamples = await timeConcurrently(READS, 1, async () => {
      await (await request(`${timelinePath}?limit=50`, { headers: { cookie: owner.cookie } })).arrayBuffer();
    });
  });
  const firstPage = summarise(firstPageSamples);
  // A cursor 9,900 entries deep.
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const body = (await (
      await request(`${timelinePath}?limit=495${cursor ? `&cursor=${cursor}` : ""}`, {
        headers: { cookie: owner.cookie },
      })
    ).json()) as { nextCursor: string | null };
    cursor = body.nextCursor;
  }
  const deepPage = summarise(
    await timeConcurrently(READS, 1, async () => {
      await (
        await request(`${timelinePath}?limit=50&cursor=${cursor}`, { headers: { cookie: owner.cookie } })
      ).arrayBuffer();
    }),
  );
  const wholeTimeline: number[] = [];
  for (let run = 0; run < 20; run++) {
    const start = performance.now();
    let next: string | null = null;
    let count = 0;
    do {
      const body = (await (
        await request(`${timelinePath}?limit=500${next ? `&cursor=${next}` : ""}`, {
          headers: { cookie: owner.cookie },
        })
      ).json()) as { items: unknown[]; nextCursor: string | null };
      count += body.items.length;
      next = body.nextCursor;
    } while (next);
    if (count !== TIMELINE_ENTRIES) throw new Error(`timeline returned ${count} entries`);
    wholeTimeline.push(performance.now() - start);
  }
  const whole = summarise(wholeTimeline);
  console.log(`timeline: first page ${describe(firstPage)}; deep page ${describe(deepPage)}; whole ${describe(whole)}`);

  const uptimeAfter = uptime();
  const verdict = (ok: boolean) => (ok ? "met" : "missed");
  const table = [
    "| measure | result | api CPU per request | aim | |",
    "|---|---|---|---|---|",
    `| POST …/work-orders/{id}/completion, ${IN_FLIGHT} in flight, ${COMPLETIONS} orders (1 labour line with an interval, 1 stocked part; ${records} records written, ${failures} failures) | ${describe(completion)} | ${describeCpu(completionCpu)} | p95 ≤ 50 ms | ${verdict(completion.p95 <= 50 && failures === 0)} |`,
    `| GET /service-centres/{id}/availability over 90 days (${slotCount} hourly slots, Europe/Berlin, 600 appointments held), one client | ${describe(availability)} | ${describeCpu(availabilityCpu)} | p95 ≤ 20 ms | ${verdict(availability.p95 <= 20)} |`,
    `| GET /units/{id}/timeline, ${TIMELINE_ENTRIES.toLocaleString("en")} entries: first page of 50, one client | ${describe(firstPage)} | ${describeCpu(firstPageCpu)} | p95 ≤ 50 ms | ${verdict(firstPage.p95 <= 50)} |`,
    `| the same, a page of 50 at 9,900 entries deep (keyset cursor) | ${describe(deepPage)} | | p95 ≤ 50 ms | ${verdict(deepPage.p95 <= 50)} |`,
    `| the whole timeline, ${TIMELINE_ENTRIES.toLocaleString("en")} entries in pages of 500 (20 requests each run) | ${describe(whole).replace("requests", "runs")} | | | |`,
  ].join("\n");
  const report = `# Service records benchmark

\`pnpm --filter @a360/api bench:service\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, fresh database. The api server runs in its own process (job workers off; completions still send their outbox jobs) and is reached over HTTP; latencies are measured by the bench client per request. Postgres and whatever else runs on the machine share its CPUs (1-minute load average before the completions: ${load}). The api CPU column is the server process's user + system time over the phase divided by its requests (from /proc), which the machine's load does not inflate the way it does latency.

\`uptime\` before the timed phases: \`${uptimeBefore}\`; after them: \`${uptimeAfter}\`.

${table}
`;
  console.log(`\n${table}`);
  writeFileSync(path.join(benchDir, "results/service.md"), report);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await api?.stop();
  await closeDatabase(db);
  if (!process.env.BENCH_KEEP_DATABASE) await dropDatabase(server.url, name).catch(() => {});
  await server.stop();
}
