/**
 * Passport versions, batches and their anchoring against a real Hardhat node with the protocol
 * deployed: the api's disclosures verify with @openzeppelin/merkle-tree, with the registry's view and
 * with the shared verifier, and each tampering gets its verdict.
 */
import deployments from "@a360/contracts/deployments";
import {
  BATCH_LEAF_TYPES,
  checkPassportAgainstChain,
  ENTRY_LEAF_TYPES,
  type PassportDisclosure,
  toCanonicalJson,
} from "@a360/contracts/passport";
import { DEV_MANUFACTURER } from "@a360/scripts/dev-accounts";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import { type LocalChain, seedChain, startLocalChain } from "@a360/scripts/stack";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { createPublicClient, type Hex, http, type PublicClient } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { grantDevManufacturer } from "../../tools/grantDevManufacturer.ts";
import { closeDatabase } from "../database/Database.ts";
import { anchorPreparedBatch } from "./anchorPreparedBatch.ts";
import { preparePassportBatch } from "./preparePassportBatch.ts";
import { syncPassportAnchors } from "./syncPassportAnchors.ts";

type Disclosure = PassportDisclosure & {
  status: string;
  readerAccess: string;
  entries: Array<PassportDisclosure["entries"][number] & { category: string | null }>;
};

let chain: LocalChain;
let client: PublicClient;
let context: Awaited<ReturnType<typeof createTestApp>>;
let maker: SignedInMember;
let modelId: string;
const publicIds: string[] = [];
const registry = deployments[31337].PassportRegistry;
const manufacturer = DEV_MANUFACTURER;

function wallet() {
  return createLocalChainClients(chain.url).walletOf(manufacturer);
}

async function disclosureOf(publicId: string, query = ""): Promise<Disclosure> {
  const response = await context.app.request(`/api/v1/public/passports/${publicId}${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Disclosure;
}

async function prepareAndAnchor() {
  const batch = await preparePassportBatch(context.db, maker.organizationId);
  if (!batch) throw new Error("nothing to anchor");
  await anchorPreparedBatch(context.db, client, wallet(), batch, {
    tenantId: maker.organizationId,
    perPassportEvents: true,
  });
  return batch;
}

async function writePassportValue(publicId: string, key: string, value: number | string) {
  const passport = await context.db.prisma.passport.findUniqueOrThrow({ where: { publicId } });
  const response = await maker.request(`/organizations/${maker.organizationId}/passports/${passport.id}/attributes`, {
    method: "PATCH",
    body: { values: [{ key, value }] },
  });
  expect(response.status).toBe(200);
}

const verify = (disclosure: PassportDisclosure) => checkPassportAgainstChain(client, disclosure);

beforeAll(async () => {
  chain = await startLocalChain();
  await seedChain(chain.url);
  client = createPublicClient({ transport: http(chain.url) });
  context = await createTestApp({ CHAIN_RPC_URL: chain.url });
  maker = await signInMember(context.app, context.db, "MANUFACTURER");
  await grantDevManufacturer(chain.url, manufacturer.address, maker.organizationId);
  const model = await maker.request(`/organizations/${maker.organizationId}/models`, {
    method: "POST",
    body: { modelCode: "VC-48-880", name: "Volta 48V", batteryCategory: "LMT", referenceCode: "LMT-VOL-48V-880" },
  });
  modelId = ((await model.json()) as { id: string }).id;
  for (const serial of ["SN-A", "SN-B", "SN-C"]) {
    const response = await maker.request(`/organizations/${maker.organizationId}/passports`, {
      method: "POST",
      body: { modelId, serialNumber: serial, productionDate: "2026-03-01" },
    });
    publicIds.push(((await response.json()) as { publicId: string }).publicId);
  }
}, 180_000);

afterAll(async () => {
  if (context) await closeDatabase(context.db);
  await chain?.stop();
});

describe("before anchoring", () => {
  it("shows the passport's first version as not anchored, in the api and by the verifier", async () => {
    const disclosure = await disclosureOf(publicIds[0]!);
    expect(disclosure).toMatchObject({ version: 1, status: "not_anchored", anchor: null });
    expect((await verify(disclosure)).status).toBe("not_anchored");
  });

  it("prepares one batch over every unanchored version through the route", async () => {
    const response = await maker.request(`/organizations/${maker.organizationId}/passport-batches`, { method: "POST" });
    expect(response.status).toBe(200);
    const batch = (await response.json()) as {
      leafCount: number;
      status: string;
      anchorCall: { publicIdHashes: string[] };
    };
    expect(batch).toMatchObject({ leafCount: 3, status: "PREPARED" });
    expect(batch.anchorCall.publicIdHashes).toHaveLength(3);
  });
});

describe("after anchoring", () => {
  let first: Disclosure;
  beforeAll(async () => {
    await prepareAndAnchor();
    first = await disclosureOf(publicIds[0]!);
  });

  it("records chain id, registry, block, transaction and log index", async () => {
    const batches = (await (await maker.request(`/organizations/${maker.organizationId}/passport-batches`)).json()) as {
      items: Array<{ status: string; anchoring: Record<string, unknown> | null }>;
    };
    expect(batches.items[0]).toMatchObject({ status: "ANCHORED" });
    expect(batches.items[0]!.anchoring).toMatchObject({
      chainId: 31337,
      registry: registry.address.toLowerCase(),
      logIndex: expect.any(Number),
      transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
  });

  it("is verified by the shared verifier against the chain", async () => {
    expect(first.status).toBe("anchored");
    const verdict = await verify(first);
    expect(verdict.status).toBe("verified");
    expect(verdict.entries.every((entry) => entry.isValid)).toBe(true);
  });

  it("discloses only public entries to an anonymous reader", () => {
    expect(first.readerAccess).toBe("PUBLIC");
    expect(first.entries.every((entry) => entry.access === "public")).toBe(true);
  });

  it("discloses legitimate-interest entries, with proofs that hold, to a recycler", async () => {
    const recycler = await signInMember(context.app, context.db, "RECYCLER");
    const disclosure = (await (await recycler.request(`/public/passports/${publicIds[0]}`)).json()) as Disclosure;
    expect(disclosure.readerAccess).toBe("LEGITIMATE_INTEREST");
    expect(disclosure.entries.some((entry) => entry.access === "legitimate_interest")).toBe(true);
    expect(disclosure.entries.some((entry) => entry.access === "authority")).toBe(false);
    expect((await verify(disclosure)).status).toBe("verified");
  });

  it("gives entry proofs that @openzeppelin/merkle-tree verifies", () => {
    for (const entry of first.entries) {
      const leaf = [entry.key, toCanonicalJson(entry.value), entry.salt];
      expect(StandardMerkleTree.verify(first.passportRoot, [...ENTRY_LEAF_TYPES], leaf, entry.proof)).toBe(true);
    }
  });

  it("gives a batch proof that @openzeppelin/merkle-tree and the registry's view verify", async () => {
    const anchor = first.anchor!;
    const leaf = [first.passportId, BigInt(first.version), first.passportRoot];
    expect(StandardMerkleTree.verify(anchor.batchRoot, [...BATCH_LEAF_TYPES], leaf, anchor.batchProof)).toBe(true);
    const onChain = await client.readContract({
      address: registry.address,
      abi: registry.abi,
      functionName: "verifyPassportInBatch",
      args: [anchor.batchRoot, first.passportId, BigInt(first.version), first.passportRoot, anchor.batchProof],
    });
    expect(onChain).toBe(true);
  });

  it("calls one changed attribute tampered", async () => {
    const entries = first.entries.map((entry, index) => (index === 3 ? { ...entry, value: "forged" } : entry));
    expect((await verify({ ...first, entries })).status).toBe("tampered");
  });

  it("calls a swapped proof tampered", async () => {
    const entries = first.entries.map((entry, index, all) =>
      index === 2 ? { ...entry, proof: all[3]!.proof } : index === 3 ? { ...entry, proof: all[2]!.proof } : entry,
    );
    expect((await verify({ ...first, entries })).status).toBe("tampered");
  });

  it("fails a batch root the chain does not hold (a forged anchor, not a pending version)", async () => {
    const anchor = { ...first.anchor!, batchRoot: `0x${"12".repeat(32)}` as Hex };
    expect((await verify({ ...first, anchor })).status).toBe("tampered");
  });

  it("says chain unreachable when the RPC does not answer", async () => {
    const dead = createPublicClient({ transport: http("http://127.0.0.1:9", { retryCount: 0, timeout: 1_000 }) });
    expect((await checkPassportAgainstChain(dead, first)).status).toBe("chain_unreachable");
  });

  it("serves the QR code of the passport page as SVG and PNG", async () => {
    const svg = await context.app.request(`/api/v1/public/passports/${publicIds[0]}/qr.svg`);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await svg.text()).toContain("<svg");
    const png = await context.app.request(`/api/v1/public/passports/${publicIds[0]}/qr.png`);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await png.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode("PNG"));
  });
});

describe("after a change", () => {
  it("makes a new unanchored version and says changed since anchoring", async () => {
    await writePassportValue(publicIds[1]!, "perf.full_cycles", 42);
    const disclosure = await disclosureOf(publicIds[1]!);
    expect(disclosure).toMatchObject({ version: 1, currentVersion: 2, status: "changed_since_anchoring" });
    expect((await verify(disclosure)).status).toBe("changed_since_anchoring");
  });

  it("makes a version of every passport of a model whose value changed, in one go", async () => {
    const before = await context.db.prisma.passportVersion.count({ where: { passport: { modelId } } });
    const response = await maker.request(`/organizations/${maker.organizationId}/models/${modelId}/attributes`, {
      method: "PATCH",
      body: {
        values: [
          { key: "mat.chemistry", value: { shortName: "NMC 622", clearName: "Lithium nickel manganese cobalt oxide" } },
        ],
      },
    });
    expect(response.status).toBe(200);
    await preparePassportBatch(context.db, maker.organizationId);
    expect(await context.db.prisma.passportVersion.count({ where: { passport: { modelId } } })).toBe(before + 3);
  });

  it("creates no version when nothing effective changed", async () => {
    const before = await context.db.prisma.passportVersion.count();
    await writePassportValue(publicIds[1]!, "perf.full_cycles", 42);
    await preparePassportBatch(context.db, maker.organizationId);
    expect(await context.db.prisma.passportVersion.count()).toBe(before);
  });
});

describe("a second batch", () => {
  let firstOfA: Disclosure;
  let secondBatchRoot: Hex;
  beforeAll(async () => {
    firstOfA = await disclosureOf(publicIds[0]!);
    secondBatchRoot = (await prepareAndAnchor()).root;
  });

  it("calls a root from another batch tampered", async () => {
    const anchor = { ...firstOfA.anchor!, batchRoot: secondBatchRoot };
    expect((await verify({ ...firstOfA, anchor })).status).toBe("tampered");
  });

  it("says superseded by the later version for an older version", async () => {
    const old = await disclosureOf(publicIds[0]!, "?version=1");
    expect(old.status).toBe("superseded");
    const verdict = await verify(old);
    expect(verdict).toMatchObject({ status: "superseded", supersededByVersion: old.supersededBy!.version });
  });

  it("says superseded from the chain alone when the api names no later version", async () => {
    const old = await disclosureOf(publicIds[0]!, "?version=1");
    expect((await verify({ ...old, supersededBy: null })).status).toBe("superseded");
  });

  it("fails an unanchored version with a claimed anchor the chain does not hold", async () => {
    await writePassportValue(publicIds[2]!, "perf.full_cycles", 7);
    const prepared = (await preparePassportBatch(context.db, maker.organizationId))!;
    const unanchored = await disclosureOf(
      publicIds[2]!,
      `?version=${(await disclosureOf(publicIds[2]!)).currentVersion}`,
    );
    expect(unanchored.status).toBe("not_anchored");
    const claimed = { ...unanchored, anchor: { ...firstOfA.anchor!, batchRoot: prepared.root, batchProof: [] } };
    expect((await verify(claimed)).status).toBe("tampered");
  });
});

describe("recording a revocation", () => {
  let latestBatchId: string;
  let revocation: { hash: Hex; blockNumber: bigint };
  const revocationOf = (batchId: string, member = maker) =>
    member.request(`/organizations/${member.organizationId}/passport-batches/${batchId}/revocation`, {
      method: "POST",
    });

  beforeAll(async () => {
    const latest = await disclosureOf(publicIds[0]!);
    latestBatchId = (
      await context.db.prisma.passportBatch.findUniqueOrThrow({ where: { root: latest.anchor!.batchRoot } })
    ).id;
  });

  it("answers 409 while the chain holds no revocation of the batch", async () => {
    const response = await revocationOf(latestBatchId);
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers 409 for a batch that is only prepared", async () => {
    const prepared = await context.db.prisma.passportBatch.findFirstOrThrow({
      where: { tenantId: maker.organizationId, status: "PREPARED" },
    });
    expect((await revocationOf(prepared.id)).status).toBe(409);
  });

  it("answers 404 for a batch the organization does not have", async () => {
    expect((await revocationOf("00000000-0000-4000-8000-00000000dead")).status).toBe(404);
  });

  it("refuses a member of an organization that is not a manufacturer", async () => {
    const recycler = await signInMember(context.app, context.db, "RECYCLER");
    expect((await revocationOf(latestBatchId, recycler)).status).toBe(403);
  });

  it("records the block, transaction and time of revokeBatch as the chain shows them", async () => {
    const root = (await context.db.prisma.passportBatch.findUniqueOrThrow({ where: { id: latestBatchId } }))
      .root as Hex;
    const hash = await wallet().writeContract({
      address: registry.address,
      abi: registry.abi,
      functionName: "revokeBatch",
      args: [root],
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    revocation = { hash, blockNumber: receipt.blockNumber };
    const block = await client.getBlock({ blockNumber: receipt.blockNumber });
    const response = await revocationOf(latestBatchId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "REVOKED",
      revocation: {
        blockNumber: revocation.blockNumber.toString(),
        transactionHash: revocation.hash,
        revokedAt: new Date(Number(block.timestamp) * 1000).toISOString(),
      },
    });
  });

  it("shows the batch's passports as revoked in the api and by the verifier", async () => {
    const revoked = await disclosureOf(publicIds[0]!);
    expect(revoked.status).toBe("revoked");
    expect((await verify(revoked)).status).toBe("revoked");
  });

  it("answers the same again for a batch already recorded revoked", async () => {
    const response = await revocationOf(latestBatchId);
    expect(await response.json()).toMatchObject({
      status: "REVOKED",
      revocation: { transactionHash: revocation.hash },
    });
  });
});

describe("a new chain", () => {
  it("forgets anchors a new chain does not hold, and finds them again on the same chain", async () => {
    await context.db.prisma.passportAnchorCursor.updateMany({ data: { lastBlockHash: `0x${"00".repeat(32)}` } });
    const result = await syncPassportAnchors(context.db, client);
    expect(result.wasReset).toBe(true);
    expect(result.anchored).toBeGreaterThanOrEqual(2);
    expect((await disclosureOf(publicIds[1]!)).anchor).not.toBeNull();
  });
});
