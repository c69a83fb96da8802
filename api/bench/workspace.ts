/**
 * Manufacturer workspace benchmark on a fresh database (not a timed test): an import of 100,000
 * passports as a job (upload, first progress, done), the passport list over them (filter + sort +
 * page, p95 of a mix of the list's queries), and label PDFs for 1,000 passports. Every timed step
 * goes to the api server in its own process over HTTP.
 * Usage: pnpm --filter @a360/api bench:workspace   (Postgres from DATABASE_URL, else 127.0.0.1:5432, else embedded)
 * Writes bench/results/workspace.md.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase as createPostgresDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { closeDatabase, createDatabase } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";
import { createBenchManufacturer } from "./createBenchManufacturer.ts";
import { type BenchApi, startBenchApi } from "./startBenchApi.ts";

const PASSPORTS = 100_000;
const MODELS = 20;
const LIST_REQUESTS = 400;
const LABELS = 1_000;
const LABEL_RUNS = 5;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const ms = (start: number) => performance.now() - start;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const server = await findTestPostgres(await findFreePort());
const name = `a360_workspace_bench_${process.pid}`;
const adminUrl = await createPostgresDatabase(server.url, name);
const databaseUrl = (await bootstrapDatabaseRoles(adminUrl)).api;
let api: BenchApi | undefined;
const db = createDatabase(databaseUrl);
try {
  await migrateDatabase(databaseUrl);
  api = await startBenchApi({ DATABASE_URL: databaseUrl });
  const { request: http, port } = api;
  const { orgPath: org, cookie } = await createBenchManufacturer(db, `http://127.0.0.1:${port}`, MODELS);
  const loads: string[] = [];
  const noteLoad = (step: string) => loads.push(`${step} ${os.loadavg()[0]!.toFixed(2)}`);

  // 1. Import 100,000 passports as a job: upload, first visible progress, done.
  const lines = ["public_id,model_code,serial_number,production_date,lifecycle_state"];
  const states = ["ORIGINAL", "ORIGINAL", "ORIGINAL", "ORIGINAL", "REPURPOSED", "REUSED", "REMANUFACTURED", "WASTE"];
  for (let i = 0; i < PASSPORTS; i++) {
    lines.push(`,BM-${i % MODELS},SN-${String(i).padStart(7, "0")},2026-01-15,${states[i % states.length]}`);
  }
  const csv = `${lines.join("\n")}\n`;
  noteLoad("import");
  const start = performance.now();
  const uploaded = await http(`${org}/passports/import-jobs?fileName=bench.csv`, {
    method: "POST",
    headers: { cookie, "content-type": "text/csv" },
    body: csv,
  });
  if (uploaded.status !== 202) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  const uploadMs = ms(start);
  const { id } = (await uploaded.json()) as { id: string };
  let firstProgressMs: number | undefined;
  let job: {
    status: string;
    progressPct: number;
    result: { created: number } | null;
    error: string | null;
    createdAt: string;
    startedAt: string | null;
  };
  for (;;) {
    job = (await (await http(`${org}/import-jobs/${id}`, { headers: { cookie } })).json()) as typeof job;
    if (firstProgressMs === undefined && job.progressPct > 0) firstProgressMs = ms(start);
    if (job.status === "SUCCEEDED" || job.status === "FAILED") break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const importMs = ms(start);
  if (job.status !== "SUCCEEDED") throw new Error(`import failed: ${job.error}`);
  const queuedMs = Date.parse(job.startedAt ?? job.createdAt) - Date.parse(job.createdAt);
  console.log(
    `import job: upload ${uploadMs.toFixed(0)} ms, queued ${queuedMs} ms, first progress ${firstProgressMs?.toFixed(0)} ms, done ${(importMs / 1000).toFixed(2)} s, created ${job.result?.created}`,
  );
  await db.prisma.$executeRawUnsafe("vacuum analyze app.passport, app.battery_model, app.attribute_value");

  // 2. The passport list: a mix of the list's filters, sorts, searches and next pages.
  const models = await db.prisma.batteryModel.findMany({ select: { id: true } });
  const queries: string[] = [];
  const kinds: number[] = [];
  const KIND_NAMES = [
    "newest first",
    "one model by serial",
    "lifecycle WASTE, newest",
    "serial prefix search",
    "model + lifecycle by serial, 100 a page",
  ];
  for (let i = 0; i < LIST_REQUESTS; i++) {
    const model = models[i % models.length]!.id;
    const variants = [
      "limit=50",
      `modelId=${model}&sort=serialNumber&order=asc&limit=50`,
      `lifecycleState=WASTE&sort=createdAt&order=desc&limit=50`,
      `q=sn-${String(i * 97)
        .padStart(7, "0")
        .slice(0, 5)}&sort=serialNumber&order=desc&limit=50`,
      `modelId=${model}&lifecycleState=REPURPOSED&sort=serialNumber&order=desc&limit=100`,
    ];
    queries.push(variants[i % variants.length]!);
    kinds.push(i % variants.length);
  }
  noteLoad("list");
  const listTimes: number[] = [];
  const timesByKind = KIND_NAMES.map((): number[] => []);
  for (const [index, query] of queries.entries()) {
    let t = performance.now();
    const response = await http(`${org}/passports?${query}`, { headers: { cookie } });
    const page = (await response.json()) as { nextCursor: string | null; total: number };
    if (response.status !== 200) throw new Error(`list ${query}: ${response.status} ${JSON.stringify(page)}`);
    listTimes.push(ms(t));
    timesByKind[kinds[index]!]!.push(ms(t));
    if (page.nextCursor) {
      t = performance.now();
      const next = await http(`${org}/passports?${query}&cursor=${page.nextCursor}`, { headers: { cookie } });
      await next.arrayBuffer();
      listTimes.push(ms(t));
      timesByKind[kinds[index]!]!.push(ms(t));
    }
  }
  const listP50 = percentile(listTimes, 50);
  const listP95 = percentile(listTimes, 95);
  const byKind = KIND_NAMES.map(
    (kind, index) => `${kind} p95 ${percentile(timesByKind[index]!, 95).toFixed(1)} ms`,
  ).join("; ");
  console.log(
    `passport list: ${listTimes.length} requests, p50 ${listP50.toFixed(1)} ms, p95 ${listP95.toFixed(1)} ms (${byKind})`,
  );

  // 3. Label PDFs for 1,000 passports.
  const ids = (
    await db.prisma.passport.findMany({ select: { id: true }, take: LABELS, orderBy: { serialNumber: "asc" } })
  ).map((row) => row.id);
  noteLoad("labels");
  const labelTimes: number[] = [];
  let pdfBytes = 0;
  for (let run = 0; run < LABEL_RUNS; run++) {
    const t = performance.now();
    const response = await http(`${org}/label-sheets`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ layout: "a4-3x7", passportIds: ids }),
    });
    const pdf = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`labels: ${response.status}`);
    labelTimes.push(ms(t));
    pdfBytes = pdf.byteLength;
  }
  const labelMedian = percentile(labelTimes, 50);
  console.log(`label PDF: ${labelTimes.map((t) => (t / 1000).toFixed(2)).join(" / ")} s, ${pdfBytes} bytes`);

  const verdict = (ok: boolean) => (ok ? "met" : "missed");
  const table = [
    "| measure | result | aim | |",
    "|---|---|---|---|",
    `| import of ${PASSPORTS.toLocaleString("en")} passports as a job (POST /passports/import-jobs, ${(csv.length / 1e6).toFixed(1)} MB CSV): first progress visible (GET /import-jobs/{id} polled every 50 ms) | ${(firstProgressMs! / 1000).toFixed(2)} s (upload answered in ${(uploadMs / 1000).toFixed(2)} s; the job waited ${(queuedMs / 1000).toFixed(2)} s for a worker) | ≤ 1 s | ${verdict(firstProgressMs! <= 1000)} |`,
    `| the same import, upload to SUCCEEDED | ${(importMs / 1000).toFixed(2)} s | ≤ 15 s | ${verdict(importMs <= 15_000)} |`,
    `| passport list over ${PASSPORTS.toLocaleString("en")} passports, filter + sort + page (GET /passports: model, lifecycle state, serial search, both sorts, next pages; ${listTimes.length} requests one after another; by kind: ${byKind}) | p95 ${listP95.toFixed(1)} ms (p50 ${listP50.toFixed(1)} ms) | p95 ≤ 100 ms | ${verdict(listP95 <= 100)} |`,
    `| label PDF for ${LABELS.toLocaleString("en")} passports (POST /label-sheets, A4 3 × 7, ${Math.ceil(LABELS / 21)} pages, ${(pdfBytes / 1e6).toFixed(2)} MB), median of ${LABEL_RUNS} (${labelTimes.map((t) => (t / 1000).toFixed(2)).join(", ")} s) | ${(labelMedian / 1000).toFixed(2)} s | ≤ 5 s | ${verdict(labelMedian <= 5000)} |`,
  ].join("\n");
  const report = `# Manufacturer workspace benchmark

\`pnpm --filter @a360/api bench:workspace\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, fresh database, the api in its own process reached over HTTP (the web's proxy is not in the path). The machine is shared: 1-minute load average at the start of each step: ${loads.join(", ")}.

${table}
`;
  writeFileSync(path.join(benchDir, "results", "workspace.md"), report);
  console.log(`\n${table}\n\nwritten to bench/results/workspace.md`);
} finally {
  await api?.stop();
  await closeDatabase(db);
  await dropDatabase(server.url, name).catch((error) => console.error(`could not drop ${name}: ${error}`));
  await server.stop();
}
