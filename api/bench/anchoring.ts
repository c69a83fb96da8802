/**
 * Passport anchoring benchmark (not a timed test): 10,000 passports on a fresh database and a fresh
 * Hardhat node; their versions (document, salted entry tree, every entry proof), one batch over
 * them (batch tree, every proof, stored), anchorBatch on chain, then the public disclosure read
 * GET /api/v1/public/passports/{publicId} under 100 concurrent clients (autocannon) against the api
 * server in its own process.
 * Usage: pnpm --filter @a360/api bench:anchoring   (Postgres from DATABASE_URL, else 127.0.0.1:5432, else embedded)
 * Writes bench/results/anchoring.md.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import deployments from "@a360/contracts/deployments";
import { organizationIdOf } from "@a360/contracts/passport";
import { DEV_DEPLOYER, DEV_MANUFACTURER } from "@a360/scripts/dev-accounts";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import { findFreePort } from "@a360/scripts/ports";
import { createDatabase as createPostgresDatabase, dropDatabase, findTestPostgres } from "@a360/scripts/postgres";
import { bootstrapDatabaseRoles } from "@a360/scripts/roles";
import { seedChain, startLocalChain } from "@a360/scripts/stack";
import { anchorPreparedBatch } from "../src/anchoring/anchorPreparedBatch.ts";
import { preparePassportBatch } from "../src/anchoring/preparePassportBatch.ts";
import { closeDatabase, createDatabase } from "../src/database/Database.ts";
import { migrateDatabase } from "../src/database/migrate.ts";
import {
  materialisePassportVersions,
  startPassportVersionWorkers,
} from "../src/passport-versions/materialisePassportVersions.ts";
import { createBenchManufacturer } from "./createBenchManufacturer.ts";
import { describeReadLatency, measureReadLatency } from "./measureReadLatency.ts";
import { type BenchApi, startBenchApi } from "./startBenchApi.ts";

const PASSPORTS = 10_000;
const MODELS = 10;
const CONNECTIONS = 100;
const READ_SECONDS = 15;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const seconds = (start: number) => (performance.now() - start) / 1000;

// As `pnpm anchor` does at its start: the worker threads load the passport module during the setup,
// as this thread loaded it with its imports, so neither is in the timed steps.
startPassportVersionWorkers();
const server = await findTestPostgres(await findFreePort());
const name = `a360_anchoring_bench_${process.pid}`;
const adminUrl = await createPostgresDatabase(server.url, name);
// The api runs as its own role, as in production (role bootstrap, then migrations as that role).
const databaseUrl = (await bootstrapDatabaseRoles(adminUrl)).api;
const chain = await startLocalChain();
let api: BenchApi | undefined;
const db = createDatabase(databaseUrl);
try {
  await migrateDatabase(databaseUrl);
  await seedChain(chain.url);
  api = await startBenchApi({ DATABASE_URL: databaseUrl, CHAIN_RPC_URL: chain.url });
  const { port, request } = api;

  const {
    organizationId,
    orgPath: org,
    cookie,
  } = await createBenchManufacturer(db, `http://127.0.0.1:${port}`, MODELS);
  const lines = ["public_id,model_code,serial_number,production_date"];
  for (let i = 0; i < PASSPORTS; i++) {
    lines.push(`anchor${String(i).padStart(8, "0")}x,BM-${i % MODELS},SN-${String(i).padStart(7, "0")},2026-01-15`);
  }
  const imported = await request(`${org}/passports/import`, {
    method: "POST",
    headers: { cookie, "content-type": "text/csv" },
    body: `${lines.join("\n")}\n`,
  });
  if (imported.status !== 200) throw new Error(`passport import: ${(await imported.text()).slice(0, 300)}`);

  // 1. Versions: document, salted entry tree and every entry proof of each passport, stored.
  let start = performance.now();
  const versions = await materialisePassportVersions(db, { tenantId: organizationId });
  const versionSeconds = seconds(start);
  const entryCount = await db.prisma.$queryRawUnsafe<Array<{ entries: number }>>(
    "select avg(jsonb_array_length(document->'entries'))::int as entries from app.passport_version",
  );
  // 2. The batch: tree over the version roots, every proof, stored.
  start = performance.now();
  const batch = await preparePassportBatch(db, organizationId);
  const batchSeconds = seconds(start);
  if (!batch) throw new Error("nothing to anchor");
  console.log(
    `versions: ${versions} in ${versionSeconds.toFixed(2)} s; batch of ${batch.leafCount} in ${batchSeconds.toFixed(2)} s`,
  );

  // 3. Anchoring on chain, per-passport events (what `pnpm anchor` sends), and root-only estimated.
  const { reader: client, walletOf } = createLocalChainClients(chain.url);
  const admin = walletOf(DEV_DEPLOYER);
  const registry = deployments[31337].PassportRegistry;
  const manufacturer = DEV_MANUFACTURER;
  await client.waitForTransactionReceipt({
    hash: await admin.writeContract({
      ...registry,
      functionName: "grantManufacturer",
      args: [manufacturer.address, organizationIdOf(organizationId)],
    }),
  });
  const wallet = walletOf(manufacturer);
  // Estimates need the TT fee allowance in place (anchorBatch pulls it).
  await client.waitForTransactionReceipt({
    hash: await wallet.writeContract({
      ...deployments[31337].TTToken,
      functionName: "approve",
      args: [registry.address, 10n ** 30n],
    }),
  });
  const rootOnlyGas = await client
    .estimateContractGas({
      ...registry,
      functionName: "anchorBatch",
      args: [`0x${"ab".repeat(32)}`, batch.leafCount, []],
      account: manufacturer,
    })
    .catch(() => undefined);
  const perPassportGas = await client
    .estimateContractGas({
      ...registry,
      functionName: "anchorBatch",
      args: [`0x${"cd".repeat(32)}`, batch.leafCount, batch.publicIdHashes],
      account: manufacturer,
    })
    .catch((error: Error) => {
      console.log(`per-passport events do not fit one transaction: ${error.message.split("\n")[0]}`);
      return undefined;
    });
  start = performance.now();
  const anchored = await anchorPreparedBatch(db, client, wallet, batch, {
    tenantId: organizationId,
    perPassportEvents: perPassportGas !== undefined,
  });
  const anchorSeconds = seconds(start);
  console.log(`anchored: ${anchored.gasUsed} gas (${anchorSeconds.toFixed(2)} s)`);

  // 4. The public disclosure read, anonymous readers, 100 connections.
  const publicIds = lines.slice(1).map((line) => line.split(",")[0]!);
  const readPath = (id: string) => `/api/v1/public/passports/${id}`;
  const probe = await request(readPath(publicIds[0]!));
  const probeBody = (await probe.json()) as { status: string; entries: unknown[] };
  if (probeBody.status !== "anchored") throw new Error(`unexpected disclosure status ${probeBody.status}`);
  const load = os.loadavg()[0]!.toFixed(2);
  const read = await measureReadLatency({
    port,
    readPath,
    publicIds,
    connections: CONNECTIONS,
    seconds: READ_SECONDS,
  });

  const treeSeconds = versionSeconds + batchSeconds;
  const verdict = (ok: boolean) => (ok ? "met" : "missed");
  const table = [
    "| measure | result | aim | |",
    "|---|---|---|---|",
    `| passport versions: ${versions.toLocaleString("en")} documents, salted entry trees (avg ${entryCount[0]?.entries} entries) and every entry proof, stored | ${versionSeconds.toFixed(2)} s | | |`,
    `| batch: tree over ${batch.leafCount.toLocaleString("en")} version roots, every proof, stored | ${batchSeconds.toFixed(2)} s | | |`,
    `| trees and proofs in all | ${treeSeconds.toFixed(2)} s | ≤ 5 s | ${verdict(treeSeconds <= 5)} |`,
    `| anchorBatch ${perPassportGas !== undefined ? "with per-passport events" : "root-only (per-passport events did not fit one transaction)"} (${anchored.gasUsed.toLocaleString("en")} gas, ${anchorSeconds.toFixed(2)} s incl. TT approve and receipt) | ${(Number(anchored.gasUsed) / batch.leafCount).toFixed(0)} gas per passport | | |`,
    `| anchorBatch root-only (estimated: ${rootOnlyGas?.toLocaleString("en") ?? "n/a"} gas) | ${rootOnlyGas ? (Number(rootOnlyGas) / batch.leafCount).toFixed(1) : "n/a"} gas per passport | | |`,
    `| GET /api/v1/public/passports/{publicId} (anonymous, ${probeBody.entries.length} entries with proofs), ${CONNECTIONS} connections: first read of each of the ${publicIds.length.toLocaleString("en")} passports (none in the server's public read cache) | ${describeReadLatency(read.firstReads)} | | |`,
    `| GET /api/v1/public/passports/{publicId}, ${CONNECTIONS} connections, ${READ_SECONDS} s of repeat reads (the stride goes on through every passport) | ${describeReadLatency(read)} | p95 ≤ 25 ms | ${verdict(read.p95 <= 25 && read.non2xx === 0 && read.firstReads.non2xx === 0)} |`,
  ].join("\n");
  const report = `# Passport anchoring benchmark

\`pnpm --filter @a360/api bench:anchoring\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, fresh database and Hardhat node. The api server runs in its own process; autocannon runs in the bench process; Postgres, the Hardhat node and whatever else runs on the machine share its CPUs (1-minute load average before the read: ${load}).

${table}
`;
  console.log(`\n${table}`);
  writeFileSync(path.join(benchDir, "results/anchoring.md"), report);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await api?.stop();
  await closeDatabase(db);
  await chain.stop();
  if (!process.env.BENCH_KEEP_DATABASE) await dropDatabase(server.url, name).catch(() => {});
  await server.stop();
}
