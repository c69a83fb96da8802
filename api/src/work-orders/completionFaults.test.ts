/**
 * Completion faults with real processes: the api runs as its own process (as in production) on the
 * run's database, against a Hardhat node reached through a proxy the test can take down. A crash is
 * a SIGKILL while the completion is held at a known point by a table lock the test owns; every wait
 * is on a condition (a backend waiting for the lock, a row's status), never on a clock.
 */
import { DEV_MANUFACTURER } from "@a360/scripts/dev-accounts";
import { type LocalChain, seedChain, startLocalChain } from "@a360/scripts/stack";
import pg from "pg";
import { type Address, createPublicClient, type Hex, http } from "viem";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BenchApi, startBenchApi } from "../../bench/startBenchApi.ts";
import { startRpcProxy } from "../../test/rpcProxy.ts";
import {
  COMPLETION_NOTHING,
  countCompletionRowsOf,
  createManufacturer,
  createUnitMirror,
  createVerifiedCentre,
  openOrderInProgress,
  type SignedInOwner,
  signInOwner,
} from "../../test/serviceFixture.ts";
import { createTestApp } from "../../test/testApp.ts";
import { grantDevManufacturer } from "../../tools/grantDevManufacturer.ts";
import { DEV_SERVICE_PROVIDER_KEY, mintDevUnit, stakeDevServiceProvider } from "../../tools/seed/devServiceChain.ts";
import { closeDatabase } from "../database/Database.ts";

const MIRROR = "mirror_completion_faults";
const COMPLETE = {
  serviceRecords: 1,
  entries: 2,
  usage: 1,
  recommendations: 1,
  inventory: 1,
  notifications: 1,
  audit: 1,
  outbox: 1,
  status: "COMPLETED",
};

let chain: LocalChain;
let proxy: Awaited<ReturnType<typeof startRpcProxy>>;
let context: Awaited<ReturnType<typeof createTestApp>>;
let owner: SignedInOwner;
let centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
let manufacturer: Awaited<ReturnType<typeof createManufacturer>>;
let mirror: Awaited<ReturnType<typeof createUnitMirror>>;
let provider: Address;
const running = new Set<BenchApi>();

beforeAll(async () => {
  chain = await startLocalChain();
  await seedChain(chain.url);
  proxy = await startRpcProxy(chain.url);
  context = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
  provider = await stakeDevServiceProvider(chain.url);
  mirror = await createUnitMirror(context.db, MIRROR);
  manufacturer = await createManufacturer(context.app, context.db);
  await grantDevManufacturer(chain.url, DEV_MANUFACTURER.address, manufacturer.maker.organizationId);
  centre = await createVerifiedCentre(context.app, context.db);
  await context.db.prisma.serviceCentreProfile.update({
    where: { organizationId: centre.organizationId },
    data: { providerWallet: provider.toLowerCase() },
  });
  owner = await signInOwner(context.app, context.db);
}, 180_000);

afterAll(async () => {
  for (const api of running) await api.stop();
  if (context) await closeDatabase(context.db);
  await proxy?.stop();
  await chain?.stop();
});

/** The api in its own process; `workers` runs the job queue (outboxes and the repair sweep) in it. */
async function startApi(options: { workers: boolean }): Promise<BenchApi> {
  const api = await startBenchApi({
    DATABASE_URL: inject("databaseUrl"),
    CHAIN_RPC_URL: proxy.url,
    CHAIN_MIRROR_SCHEMA: MIRROR,
    REPAIR_SIGNER_KEYS: DEV_SERVICE_PROVIDER_KEY,
    JOB_WORKERS: String(options.workers),
  });
  running.add(api);
  return api;
}

async function stopApi(api: BenchApi, how: "kill" | "stop"): Promise<void> {
  await (how === "kill" ? api.kill() : api.stop());
  running.delete(api);
}

/** A minted unit's in-progress order at the centre. */
const openOrder = () =>
  openOrderInProgress({
    owner,
    centre,
    manufacturer,
    mirror,
    beforeGarage: (publicId) => mintDevUnit(chain.url, owner.address as Address, publicId),
  });

/** Sends the completion to the api process; resolves to its status, or to "no reply" when the process died. */
function complete(api: BenchApi, workOrderId: string): Promise<number | "no reply"> {
  return api
    .request(`/api/v1${centre.base}/work-orders/${workOrderId}/completion`, {
      method: "POST",
      headers: { cookie: centre.admin.cookie, "content-type": "application/json" },
      body: JSON.stringify({ usageValue: 1500, decision: "Repaired" }),
    })
    .then(
      (response) => response.status,
      () => "no reply" as const,
    );
}

/** A connection of the test's own that holds `lock table <table>` until `release`. */
async function holdTableLock(table: string) {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  await client.query("begin");
  await client.query(`lock table ${table} in share row exclusive mode`);
  return {
    /** Some other backend waits for this connection's lock. */
    async isAwaited(): Promise<boolean> {
      const { rows } = await client.query<{ waiting: number }>(
        // pg_locks is read live (pg_stat_activity would be a snapshot frozen for this transaction).
        "select count(*)::int as waiting from pg_locks where not granted and pg_backend_pid() = any(pg_blocking_pids(pid))",
      );
      return (rows[0]?.waiting ?? 0) > 0;
    },
    async release() {
      await client.query("rollback");
      await client.end();
    },
  };
}

/**
 * The completion is held at the lock; fails at once with its answer when it was not (it ended
 * before reaching the locked table).
 */
async function isHeldBy(
  lock: Awaited<ReturnType<typeof holdTableLock>>,
  reply: Promise<number | "no reply">,
): Promise<boolean> {
  const answered = await Promise.race([reply, Promise.resolve("pending" as const)]);
  if (answered !== "pending") throw new Error(`the completion ended before the lock: ${answered}`);
  return lock.isAwaited();
}

/** No backend of the database is inside a transaction or waiting for a lock: the dead api's work is settled. */
async function isDatabaseSettled(): Promise<boolean> {
  const rows = await context.db.prisma.$queryRaw<Array<{ busy: number }>>`
    select count(*)::int as busy from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid()
       and (state like 'idle in transaction%' or wait_event_type = 'Lock')`;
  return (rows[0]?.busy ?? 0) === 0;
}

async function getAnchor(workOrderId: string) {
  const record = await context.db.prisma.serviceRecord.findUniqueOrThrow({ where: { workOrderId } });
  return context.db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
}

async function countRecordsOnChain(workOrderId: string): Promise<number> {
  const { formHash } = await context.db.prisma.serviceRecord.findUniqueOrThrow({ where: { workOrderId } });
  const client = createPublicClient({ transport: http(chain.url) });
  const { RepairRegistry } = (await import("@a360/contracts/deployments")).default[31337];
  const logs = await client.getContractEvents({
    address: RepairRegistry.address,
    abi: RepairRegistry.abi,
    eventName: "RepairRecorded",
    args: { provider },
    fromBlock: 0n,
  });
  return logs.filter((log) => log.args.formHash === (formHash as Hex)).length;
}

const poll = { timeout: 120_000, interval: 250 };

describe("the api killed during a completion", () => {
  it("leaves it not started when the process dies inside the transaction, and it completes afterwards", async () => {
    const { workOrderId, passportId } = await openOrder();
    const api = await startApi({ workers: false });
    // The completion's last writes are the outbox row and the status: hold it at the outbox row.
    const lock = await holdTableLock("app.repair_anchor");
    try {
      const reply = complete(api, workOrderId);
      await expect.poll(() => isHeldBy(lock, reply), poll).toBe(true);
      await stopApi(api, "kill");
      expect(await reply).toBe("no reply");
    } finally {
      await lock.release();
    }
    await expect.poll(isDatabaseSettled, poll).toBe(true);
    expect(await countCompletionRowsOf(context.db, workOrderId, passportId)).toEqual(COMPLETION_NOTHING);

    const restarted = await startApi({ workers: false });
    expect(await complete(restarted, workOrderId)).toBe(200);
    expect(await countCompletionRowsOf(context.db, workOrderId, passportId)).toEqual(COMPLETE);
    await stopApi(restarted, "stop");
  }, 180_000);

  it("leaves it complete when the process dies after the commit, and the sweep lands the repair it never sent", async () => {
    const { workOrderId, passportId } = await openOrder();
    const api = await startApi({ workers: false });
    // After the commit, the route wakes the repair outbox (a job insert): hold it there.
    const lock = await holdTableLock("jobs.job");
    try {
      const reply = complete(api, workOrderId);
      await expect.poll(() => isHeldBy(lock, reply), poll).toBe(true);
      await stopApi(api, "kill");
      expect(await reply).toBe("no reply");
    } finally {
      await lock.release();
    }
    await expect.poll(isDatabaseSettled, poll).toBe(true);
    expect(await countCompletionRowsOf(context.db, workOrderId, passportId)).toEqual(COMPLETE);
    expect((await getAnchor(workOrderId)).status).toBe("PENDING");

    const worker = await startApi({ workers: true });
    await expect.poll(async () => (await getAnchor(workOrderId)).status, poll).toBe("ANCHORED");
    expect(await countRecordsOnChain(workOrderId)).toBe(1);
    await stopApi(worker, "stop");
  }, 240_000);
});

describe("the chain down while completing", () => {
  it("still completes, and the repair lands on chain once the chain is back", async () => {
    const { workOrderId, passportId } = await openOrder();
    const api = await startApi({ workers: true });
    proxy.setMode("down");
    try {
      expect(await complete(api, workOrderId)).toBe(200);
      expect(await countCompletionRowsOf(context.db, workOrderId, passportId)).toEqual(COMPLETE);
      await expect.poll(async () => (await getAnchor(workOrderId)).attempts, poll).toBeGreaterThan(0);
      const waiting = await getAnchor(workOrderId);
      expect(waiting.status).toBe("PENDING");
      expect(waiting.lastError).toMatch(/not reachable/);
    } finally {
      proxy.setMode("up");
    }
    await expect.poll(async () => (await getAnchor(workOrderId)).status, poll).toBe("ANCHORED");
    expect(await countRecordsOnChain(workOrderId)).toBe(1);
    await stopApi(api, "stop");
  }, 240_000);
});
