import { describe, expect, it } from "vitest";
import { buildPassportBatch } from "./batchTree.ts";
import { DISCLOSURE_SCHEMA, type PassportDisclosure } from "./PassportDisclosure.ts";
import { PASSPORT_SCHEMA } from "./PassportDocument.ts";
import { passportIdOf } from "./passportId.ts";
import { buildPassportTree } from "./passportTree.ts";
import { type PassportChainState, verifyDisclosedPassport } from "./verifyDisclosedPassport.ts";

const REGISTRY = "0x0000000000000000000000000000000000000001";
const ISSUER = `0x${"11".repeat(32)}` as const;
const OTHER_ORG = `0x${"22".repeat(32)}` as const;

function disclosureOf(publicId: string, capacity: number, version = 1) {
  const tree = buildPassportTree({
    schema: PASSPORT_SCHEMA,
    publicId,
    version,
    entries: [
      { key: "perf.rated_capacity_ah", value: capacity, access: "public" },
      { key: "circ.recycled_content_pct", value: 12, access: "legitimate_interest" },
      { key: "passport.previous_hash", value: null, access: "public" },
    ],
  });
  return {
    tree,
    leaf: { passportId: passportIdOf(ISSUER, publicId), version: BigInt(version), passportRoot: tree.root },
  };
}

const first = disclosureOf("pp-first-000", 17.5);
const second = disclosureOf("pp-second-00", 20);
const batch = buildPassportBatch([first.leaf, second.leaf]);
const otherBatch = buildPassportBatch([second.leaf, disclosureOf("pp-third-000", 1).leaf]);

function disclosure(overrides: Partial<PassportDisclosure> = {}): PassportDisclosure {
  return {
    schema: DISCLOSURE_SCHEMA,
    publicId: "pp-first-000",
    organizationId: ISSUER,
    passportId: first.leaf.passportId,
    version: 1,
    passportRoot: first.tree.root,
    previousRoot: null,
    entries: first.tree.entries.filter((entry) => entry.access === "public"),
    anchor: {
      chainId: 31337,
      registry: REGISTRY,
      batchRoot: batch.root,
      batchProof: batch.proofs[0]!,
      blockNumber: "12",
      transactionHash: null,
      logIndex: 0,
    },
    currentVersion: 1,
    supersededBy: null,
    ...overrides,
  };
}

function chain(overrides: Partial<PassportChainState> = {}): PassportChainState {
  return {
    chainId: 31337,
    registry: REGISTRY,
    batch: { attester: REGISTRY, organizationId: ISSUER, time: 1_800_000_000n, leafCount: 2, revocationTime: 0n },
    organizationName: "Volta Cells GmbH",
    batchEvent: { blockNumber: 12n, transactionHash: `0x${"ab".repeat(32)}`, logIndex: 0 },
    isInBatchByContract: true,
    versionRevocationTime: 0n,
    laterAnchors: [],
    supersedingBatch: null,
    ...overrides,
  };
}

describe("verifyDisclosedPassport", () => {
  it("verifies an untouched disclosure of an anchored batch", () => {
    const verdict = verifyDisclosedPassport(disclosure(), chain());
    expect(verdict.status).toBe("verified");
    expect(verdict.anchor?.blockNumber).toBe(12n);
  });

  it("names the issuer as the chain knows it: registered name and anchoring wallet", () => {
    expect(verifyDisclosedPassport(disclosure(), chain()).issuer).toEqual({
      organizationId: ISSUER,
      name: "Volta Cells GmbH",
      wallet: REGISTRY,
    });
  });

  it("fails a version anchored by another organisation than the passport's issuer", () => {
    const forged = chain({ batch: { ...chain().batch!, organizationId: OTHER_ORG }, organizationName: "Rogue Cells" });
    const verdict = verifyDisclosedPassport(disclosure(), forged);
    expect(verdict.status).toBe("tampered");
    expect(verdict.reason).toContain("Rogue Cells");
  });

  it("fails a passport id that is not the claimed issuer's id for the public id", () => {
    const verdict = verifyDisclosedPassport(disclosure({ organizationId: OTHER_ORG }), chain());
    expect(verdict.status).toBe("tampered");
  });

  it("fails an anchor claimed in another registry than the one the verifier reads", () => {
    const anchor = { ...disclosure().anchor!, registry: "0x0000000000000000000000000000000000000002" as const };
    expect(verifyDisclosedPassport(disclosure({ anchor }), chain()).status).toBe("tampered");
  });

  it("calls one changed attribute tampered and names it", () => {
    const entries = disclosure().entries.map((entry) =>
      entry.key === "perf.rated_capacity_ah" ? { ...entry, value: 18 } : entry,
    );
    const verdict = verifyDisclosedPassport(disclosure({ entries }), chain());
    expect(verdict.status).toBe("tampered");
    expect(verdict.reason).toContain("perf.rated_capacity_ah");
  });

  it("calls a swapped proof tampered", () => {
    const [a, b, ...rest] = disclosure().entries;
    const entries = [{ ...a!, proof: b!.proof }, { ...b!, proof: a!.proof }, ...rest];
    expect(verifyDisclosedPassport(disclosure({ entries }), chain()).status).toBe("tampered");
  });

  it("calls a root from another batch tampered", () => {
    const anchor = { ...disclosure().anchor!, batchRoot: otherBatch.root };
    expect(verifyDisclosedPassport(disclosure({ anchor }), chain()).status).toBe("tampered");
  });

  it("calls a revoked batch revoked", () => {
    const revoked = chain({ batch: { ...chain().batch!, revocationTime: 1_800_000_100n }, isInBatchByContract: false });
    expect(verifyDisclosedPassport(disclosure(), revoked).status).toBe("revoked");
  });

  it("calls a version revoked on its own revoked, though its batch is not", () => {
    const revoked = chain({ versionRevocationTime: 1_800_000_100n, isInBatchByContract: false });
    expect(verifyDisclosedPassport(disclosure(), revoked).status).toBe("revoked");
  });

  it("calls a version without anchor not anchored", () => {
    expect(verifyDisclosedPassport(disclosure({ anchor: null }), chain()).status).toBe("not_anchored");
  });

  it("fails a batch root the chain does not hold (a forged root is not an honest pending version)", () => {
    const missing = chain({ batch: { ...chain().batch!, time: 0n, leafCount: 0 } });
    expect(verifyDisclosedPassport(disclosure(), missing).status).toBe("tampered");
  });

  it("says changed since anchoring when a newer version is not anchored", () => {
    expect(verifyDisclosedPassport(disclosure({ currentVersion: 2 }), chain()).status).toBe("changed_since_anchoring");
  });

  it("says superseded when the chain holds a later anchor of the passport", () => {
    const later = chain({ laterAnchors: [{ batchRoot: otherBatch.root, blockNumber: 20n, revocationTime: 0n }] });
    expect(verifyDisclosedPassport(disclosure(), later).status).toBe("superseded");
  });

  it("names the superseding version when its proof holds on chain", () => {
    const v2 = disclosureOf("pp-first-000", 18, 2);
    const laterBatch = buildPassportBatch([v2.leaf]);
    const supersededBy = {
      version: 2,
      passportRoot: v2.tree.root,
      batchRoot: laterBatch.root,
      batchProof: laterBatch.proofs[0]!,
    };
    const verdict = verifyDisclosedPassport(
      disclosure({ supersededBy }),
      chain({ supersedingBatch: { time: 1_800_000_500n, revocationTime: 0n } }),
    );
    expect(verdict).toMatchObject({ status: "superseded", supersededByVersion: 2 });
  });

  it("says chain unreachable when the chain cannot be read", () => {
    expect(verifyDisclosedPassport(disclosure(), { unreachable: "connection refused" }).status).toBe(
      "chain_unreachable",
    );
  });

  it("refuses a public id that is not the one proven", () => {
    expect(verifyDisclosedPassport(disclosure({ publicId: "pp-other-000" }), chain()).status).toBe("tampered");
  });
});
