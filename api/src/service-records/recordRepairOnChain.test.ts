/**
 * Repairs go on chain from the outbox against a real Hardhat node with the protocol deployed,
 * reached through a proxy the tests can take down: the chain away never stops a completion, and
 * no failure makes the repair land twice.
 */
import deployments from "@a360/contracts/deployments";
import { DEV_MANUFACTURER } from "@a360/scripts/dev-accounts";
import { type LocalChain, seedChain, startLocalChain } from "@a360/scripts/stack";
import { pino } from "pino";
import { type Address, createPublicClient, type Hex, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startRpcProxy } from "../../test/rpcProxy.ts";
import {
  createManufacturer,
  createUnitMirror,
  createVerifiedCentre,
  type SignedInOwner,
  signInOwner,
} from "../../test/serviceFixture.ts";
import { createTestApp } from "../../test/testApp.ts";
import { grantDevManufacturer } from "../../tools/grantDevManufacturer.ts";
import { DEV_SERVICE_PROVIDER_KEY, mintDevUnit, stakeDevServiceProvider } from "../../tools/seed/devServiceChain.ts";
import { getChainClient } from "../anchoring/getChainClient.ts";
import { closeDatabase } from "../database/Database.ts";
import { JobQueue } from "../jobs/JobQueue.ts";
import { RepairSigners } from "./RepairSigners.ts";
import { RepairNotYetRecordedError, recordRepairOnChain } from "./recordRepairOnChain.ts";
import { registerServiceJobs } from "./registerServiceJobs.ts";

const MIRROR = "mirror_record_repair";
let chain: LocalChain;
let proxy: Awaited<ReturnType<typeof startRpcProxy>>;
let context: Awaited<ReturnType<typeof createTestApp>>;
let client: PublicClient;
let owner: SignedInOwner;
let centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
let manufacturer: Awaited<ReturnType<typeof createManufacturer>>;
let mirror: Awaited<ReturnType<typeof createUnitMirror>>;
let provider: Address;
let repairChain: Parameters<typeof recordRepairOnChain>[1];
const registry = deployments[31337].RepairRegistry;

beforeAll(async () => {
  chain = await startLocalChain();
  await seedChain(chain.url);
  proxy = await startRpcProxy(chain.url);
  client = createPublicClient({ transport: http(chain.url) });
  context = await createTestApp({
    CHAIN_RPC_URL: proxy.url,
    CHAIN_MIRROR_SCHEMA: MIRROR,
    REPAIR_SIGNER_KEYS: DEV_SERVICE_PROVIDER_KEY,
  });
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
  repairChain = {
    client: getChainClient(context.config),
    rpcUrl: proxy.url,
    signers: new RepairSigners([DEV_SERVICE_PROVIDER_KEY]),
    receiptTimeoutMs: 5_000,
  };
}, 180_000);

afterAll(async () => {
  if (context) await closeDatabase(context.db);
  await proxy?.stop();
  await chain?.stop();
});

/** A unit minted on chain (unless `minted` is false) and completed at the centre; returns its service record. */
async function completeRepair(options: { minted?: boolean } = {}) {
  const unit = await manufacturer.makeUnit();
  if (options.minted !== false) await mintDevUnit(chain.url, owner.address as Address, unit.publicId);
  await mirror.holds(owner.address, unit.publicId);
  await owner.request("/garage/units", { method: "POST", body: { publicId: unit.publicId } });
  const { code } = (await (
    await owner.request(`/units/${unit.passportId}/access-codes`, { method: "POST" })
  ).json()) as {
    code: string;
  };
  await centre.admin.request(`${centre.base}/links/redeem`, { method: "POST", body: { code } });
  const order = (await (
    await centre.admin.request(`${centre.base}/work-orders`, { method: "POST", body: { passportId: unit.passportId } })
  ).json()) as { id: string };
  const path = `${centre.base}/work-orders/${order.id}`;
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "ACCEPTED" } });
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "IN_PROGRESS" } });
  await centre.admin.request(`${path}/labour`, {
    method: "POST",
    body: { description: "Cell balancing", hours: 2, rateCents: 7000 },
  });
  const completed = await centre.admin.request(`${path}/completion`, {
    method: "POST",
    body: { decision: "Repaired" },
  });
  expect(completed.status).toBe(200);
  const detail = (await completed.json()) as { serviceRecord: { id: string; formHash: Hex } };
  return detail.serviceRecord;
}

async function countRecordsOnChain(formHash: Hex): Promise<number> {
  const logs = await client.getContractEvents({
    address: registry.address,
    abi: registry.abi,
    eventName: "RepairRecorded",
    args: { provider },
    fromBlock: 0n,
  });
  return logs.filter((log) => log.args.formHash === formHash).length;
}

describe("the repair outbox", () => {
  it("completes while the chain is down, and records the repair once the chain is back", async () => {
    proxy.setMode("down");
    const record = await completeRepair();
    await expect(recordRepairOnChain(context.db, repairChain, record.id)).rejects.toBeInstanceOf(
      RepairNotYetRecordedError,
    );
    const waiting = await context.db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
    expect(waiting.status).toBe("PENDING");
    expect(waiting.lastError).toMatch(/not reachable/);

    proxy.setMode("up");
    expect(await recordRepairOnChain(context.db, repairChain, record.id)).toBe("ANCHORED");
    const anchored = await context.db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
    expect(anchored.status).toBe("ANCHORED");
    const onChain = await client.readContract({
      address: registry.address,
      abi: registry.abi,
      functionName: "getRepair",
      args: [BigInt(anchored.repairId!)],
    });
    expect(onChain.formHash).toBe(record.formHash);
    expect(onChain.provider.toLowerCase()).toBe(provider.toLowerCase());
    expect(await countRecordsOnChain(record.formHash)).toBe(1);
  });

  it("never records twice when the reply to the send was lost", async () => {
    const record = await completeRepair();
    proxy.setMode("lose-send-replies");
    await expect(recordRepairOnChain(context.db, repairChain, record.id)).rejects.toBeInstanceOf(
      RepairNotYetRecordedError,
    );
    const sent = await context.db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
    expect(sent.status).toBe("SUBMITTED");
    expect(sent.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);

    proxy.setMode("up");
    expect(await recordRepairOnChain(context.db, repairChain, record.id)).toBe("ANCHORED");
    expect(await recordRepairOnChain(context.db, repairChain, record.id)).toBe("ALREADY_DONE");
    expect(await countRecordsOnChain(record.formHash)).toBe(1);
    const anchored = await context.db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
    expect(anchored.transactionHash).toBe(sent.transactionHash);
  });

  it("finds a repair the chain already holds instead of sending it again", async () => {
    const record = await completeRepair();
    await recordRepairOnChain(context.db, repairChain, record.id);
    // As if the row had lost what it knew (a restore from an older backup).
    await context.db.prisma.repairAnchor.update({
      where: { serviceRecordId: record.id },
      data: { status: "PENDING", rawTransaction: null, transactionHash: null, repairId: null },
    });
    const nonce = await client.getTransactionCount({ address: provider });
    expect(await recordRepairOnChain(context.db, repairChain, record.id)).toBe("ANCHORED");
    expect(await client.getTransactionCount({ address: provider })).toBe(nonce);
    expect(await countRecordsOnChain(record.formHash)).toBe(1);
  });

  it("marks a unit that has no token on chain as not on chain, and sends nothing", async () => {
    const record = await completeRepair({ minted: false });
    const nonce = await client.getTransactionCount({ address: provider });
    expect(await recordRepairOnChain(context.db, repairChain, record.id)).toBe("NOT_ON_CHAIN");
    expect(await client.getTransactionCount({ address: provider })).toBe(nonce);
  });

  it("lands from the job queue after a completion, with no call but the completion's", async () => {
    const queue = new JobQueue({
      connectionString: inject("databaseUrl"),
      logger: pino({ level: "silent" }),
      runWorkers: true,
      pollingIntervalSeconds: 1,
    });
    const outbox = registerServiceJobs(queue, context.db, context.config, pino({ level: "silent" }));
    await queue.start();
    try {
      context.services.serviceOutbox = outbox;
      const record = await completeRepair();
      await expect
        .poll(
          async () =>
            (await context.db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } })).status,
          {
            timeout: 30_000,
            interval: 250,
          },
        )
        .toBe("ANCHORED");
      expect(await countRecordsOnChain(record.formHash)).toBe(1);
    } finally {
      context.services.serviceOutbox = undefined;
      await queue.stop();
    }
  });
});
