/**
 * `pnpm verify` end to end against a real Hardhat node: disclosures built with the shared passport
 * module and anchored with PassportRegistry.anchorBatch, then tampered with, each giving its verdict
 * and exit code.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import deployments from "@a360/contracts/deployments";
import {
  buildPassportBatch,
  buildPassportTree,
  DISCLOSURE_SCHEMA,
  organizationIdOf,
  PASSPORT_SCHEMA,
  type PassportDisclosure,
  passportIdOf,
  publicIdHashOf,
} from "@a360/contracts/passport";
import { type createWalletClient, type Hex, parseEther } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_DEPLOYER, DEV_MANUFACTURER, getDevAccount } from "./devAccounts.ts";
import { createLocalChainClients } from "./localChain.ts";
import { type LocalChain, seedChain, startLocalChain } from "./stack/index.ts";

const ORGANIZATION = "00000000-0000-4000-8000-0000000000aa";
const ORGANISATION_ID = organizationIdOf(ORGANIZATION);
const ROGUE_ORGANISATION_ID = organizationIdOf("00000000-0000-4000-8000-0000000000bb");
const ROGUE = getDevAccount(8);
const scriptsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const registry = deployments[31337].PassportRegistry;
const tt = deployments[31337].TTToken;

let chain: LocalChain;
let folder: string;

function disclosureOf(publicId: string, capacity: number, organizationId = ORGANISATION_ID) {
  const tree = buildPassportTree({
    schema: PASSPORT_SCHEMA,
    publicId,
    version: 1,
    entries: [
      { key: "passport.previous_hash", value: null, access: "public" },
      { key: "perf.rated_capacity_ah", value: capacity, access: "public" },
      { key: "mat.chemistry", value: "Li-ion NMC 811", access: "public" },
      { key: "circ.recycled_content_pct", value: 12, access: "legitimate_interest" },
    ],
  });
  return {
    tree,
    leaf: { passportId: passportIdOf(organizationId, publicId), version: 1n, passportRoot: tree.root },
    disclosure: (batchRoot: Hex | null, batchProof: Hex[]): PassportDisclosure => ({
      schema: DISCLOSURE_SCHEMA,
      publicId,
      organizationId,
      passportId: passportIdOf(organizationId, publicId),
      version: 1,
      passportRoot: tree.root,
      previousRoot: null,
      entries: tree.entries.filter((entry) => entry.access === "public"),
      anchor: batchRoot
        ? {
            chainId: 31337,
            registry: registry.address,
            batchRoot,
            batchProof,
            blockNumber: null,
            transactionHash: null,
            logIndex: null,
          }
        : null,
      currentVersion: 1,
      supersededBy: null,
    }),
  };
}

const a = disclosureOf("cli-passport-a", 17.5);
const b = disclosureOf("cli-passport-b", 20);
const c = disclosureOf("cli-passport-c", 30);
const firstBatch = buildPassportBatch([a.leaf, b.leaf]);
const revokedBatch = buildPassportBatch([c.leaf]);
// Another organisation anchors a doctored version 1 of passport a under a's passport id, in its own batch.
const doctored = disclosureOf("cli-passport-a", 99);
const rogueBatch = buildPassportBatch([doctored.leaf]);
const good = a.disclosure(firstBatch.root, firstBatch.proofs[0]!);

function verify(disclosure: PassportDisclosure) {
  const file = path.join(folder, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(disclosure));
  const result = spawnSync("pnpm", ["exec", "tsx", "src/verify.ts", file, "--rpc", chain.url], {
    cwd: scriptsDir,
    encoding: "utf8",
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "a360-verify-"));
  chain = await startLocalChain();
  await seedChain(chain.url);
  const { reader: client, walletOf } = createLocalChainClients(chain.url);
  const send = async (
    account: typeof DEV_DEPLOYER,
    request: Parameters<ReturnType<typeof createWalletClient>["writeContract"]>[0],
  ) => {
    const wallet = walletOf(account);
    await client.waitForTransactionReceipt({
      hash: await wallet.writeContract({ ...request, account, chain: hardhat } as never),
    });
  };
  await send(DEV_DEPLOYER, {
    address: registry.address,
    abi: registry.abi,
    functionName: "grantManufacturer",
    args: [DEV_MANUFACTURER.address, ORGANISATION_ID],
  } as never);
  await send(DEV_DEPLOYER, {
    address: registry.address,
    abi: registry.abi,
    functionName: "registerOrganisation",
    args: [ORGANISATION_ID, "Volta Cells GmbH"],
  } as never);
  await send(DEV_DEPLOYER, {
    address: registry.address,
    abi: registry.abi,
    functionName: "registerOrganisation",
    args: [ROGUE_ORGANISATION_ID, "Rogue Cells Ltd"],
  } as never);
  await send(DEV_DEPLOYER, {
    address: registry.address,
    abi: registry.abi,
    functionName: "grantManufacturer",
    args: [ROGUE.address, ROGUE_ORGANISATION_ID],
  } as never);
  await send(DEV_DEPLOYER, {
    address: tt.address,
    abi: tt.abi,
    functionName: "transfer",
    args: [ROGUE.address, parseEther("10")],
  } as never);
  await send(ROGUE, {
    address: tt.address,
    abi: tt.abi,
    functionName: "approve",
    args: [registry.address, parseEther("10")],
  } as never);
  await send(ROGUE, {
    address: registry.address,
    abi: registry.abi,
    functionName: "anchorBatch",
    args: [rogueBatch.root, 1, []],
  } as never);
  await send(DEV_MANUFACTURER, {
    address: tt.address,
    abi: tt.abi,
    functionName: "approve",
    args: [registry.address, parseEther("100")],
  } as never);
  for (const [batch, ids] of [
    [firstBatch, [publicIdHashOf("cli-passport-a"), publicIdHashOf("cli-passport-b")]],
    [revokedBatch, [publicIdHashOf("cli-passport-c")]],
  ] as const) {
    await send(DEV_MANUFACTURER, {
      address: registry.address,
      abi: registry.abi,
      functionName: "anchorBatch",
      args: [batch.root, ids.length, [...ids]],
    } as never);
  }
  await send(DEV_MANUFACTURER, {
    address: registry.address,
    abi: registry.abi,
    functionName: "revokeBatch",
    args: [revokedBatch.root],
  } as never);
  // Version 1 of passport b, recorded from the first batch and then revoked on its own (the batch stays valid).
  await send(DEV_MANUFACTURER, {
    address: registry.address,
    abi: registry.abi,
    functionName: "recordBatchedVersion",
    args: [firstBatch.root, publicIdHashOf("cli-passport-b"), 1n, b.leaf.passportRoot, firstBatch.proofs[1]!],
  } as never);
  await send(DEV_MANUFACTURER, {
    address: registry.address,
    abi: registry.abi,
    functionName: "revokePassportVersion",
    args: [b.leaf.passportId, 1n],
  } as never);
}, 180_000);

afterAll(async () => {
  await chain?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

// Each case spawns the CLI (tsx start-up is seconds on a loaded machine).
describe("pnpm verify", { timeout: 30_000 }, () => {
  it("exits 0 for an untouched anchored passport", () => {
    const result = verify(good);
    expect(result.output).toContain("VERIFIED");
    expect(result.code).toBe(0);
  });

  it("names the issuer as the chain knows it: registered name and anchoring wallet", () => {
    const result = verify(good);
    expect(result.output).toContain(`issued by Volta Cells GmbH, organisation ${ORGANISATION_ID}`);
    expect(result.output).toContain(DEV_MANUFACTURER.address);
  });

  it("exits 1 naming the other organisation when it anchored a doctored version of the passport", () => {
    const result = verify(doctored.disclosure(rogueBatch.root, rogueBatch.proofs[0]!));
    expect(result.code).toBe(1);
    expect(result.output).toContain("TAMPERED");
    expect(result.output).toContain("Rogue Cells Ltd");
  });

  it("exits 1 when the api claims another registry than the chain's", () => {
    const claim = good.anchor!;
    const result = verify({ ...good, anchor: { ...claim, registry: "0x000000000000000000000000000000000000dEaD" } });
    expect(result.code).toBe(1);
    expect(result.output).toContain("TAMPERED");
  });

  it("exits 1 naming the attribute when one value was changed", () => {
    const entries = good.entries.map((entry) =>
      entry.key === "perf.rated_capacity_ah" ? { ...entry, value: 99 } : entry,
    );
    const result = verify({ ...good, entries });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/TAMPERED: the value of perf.rated_capacity_ah/);
  });

  it("exits 1 for a swapped proof", () => {
    const [first, second, ...rest] = good.entries;
    const result = verify({
      ...good,
      entries: [{ ...first!, proof: second!.proof }, { ...second!, proof: first!.proof }, ...rest],
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain("TAMPERED");
  });

  it("exits 1 for a root from another batch", () => {
    const result = verify({ ...good, anchor: { ...good.anchor!, batchRoot: revokedBatch.root } });
    expect(result.code).toBe(1);
    expect(result.output).toContain("TAMPERED: this passport version is not in the anchored batch");
  });

  it("exits 1 for a revoked batch", () => {
    const result = verify(c.disclosure(revokedBatch.root, revokedBatch.proofs[0]!));
    expect(result.code).toBe(1);
    expect(result.output).toContain("REVOKED");
  });

  it("exits 1 for a version revoked on its own in a valid batch", () => {
    const result = verify(b.disclosure(firstBatch.root, firstBatch.proofs[1]!));
    expect(result.code).toBe(1);
    expect(result.output).toContain("REVOKED");
  });

  it("exits 1 for an unanchored version", () => {
    const unanchored = disclosureOf("cli-passport-d", 1);
    const result = verify(unanchored.disclosure(null, []));
    expect(result.code).toBe(1);
    expect(result.output).toContain("NOT ANCHORED");
  });

  it("exits 1 when the chain is unreachable", () => {
    const file = path.join(folder, "good.json");
    writeFileSync(file, JSON.stringify(good));
    const result = spawnSync("pnpm", ["exec", "tsx", "src/verify.ts", file, "--rpc", "http://127.0.0.1:9"], {
      cwd: scriptsDir,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("CHAIN UNREACHABLE");
  });
});
