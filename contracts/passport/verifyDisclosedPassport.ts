import type { Address, Hex } from "viem";
import { isPassportInBatch } from "./batchTree.ts";
import type { PassportDisclosure } from "./PassportDisclosure.ts";
import { IDENTITY_KEYS } from "./PassportDocument.ts";
import { passportIdOf } from "./passportId.ts";
import { isEntryInPassport } from "./passportTree.ts";

/** The key of the entry that commits a version to the hash of the version before it. */
export const PREVIOUS_HASH_KEY = "passport.previous_hash";

/** What the chain says about one disclosed passport version, read by {readPassportChainState}. */
export interface PassportChainState {
  chainId: number;
  /** The registry the verifier trusts (from the deployments module or the verifier's own flag). */
  registry: Address;
  /** The batch at the claimed root; `time` 0 when no such batch was anchored. */
  batch: {
    attester: Address;
    /** The organisation the batch was anchored for (fixed when anchored). */
    organizationId: Hex;
    time: bigint;
    leafCount: number;
    revocationTime: bigint;
  } | null;
  /** The name the registry admin registered for the batch's organisation, "" when none. */
  organizationName: string;
  /** The PassportBatchAnchored log of that root. */
  batchEvent: { blockNumber: bigint; transactionHash: Hex; logIndex: number } | null;
  /** PassportRegistry.verifyPassportInBatch for the claimed leaf and proof. */
  isInBatchByContract: boolean | null;
  /** Revocation time of a per-passport anchor of this version (recordBatchedVersion), 0 when none. */
  versionRevocationTime: bigint;
  /** Other batches that named this passport in a PassportAnchored event after the disclosed batch. */
  laterAnchors: Array<{ batchRoot: Hex; blockNumber: bigint; revocationTime: bigint }>;
  /** The batch of the api's `supersededBy` claim, when there is one. */
  supersedingBatch: { time: bigint; revocationTime: bigint } | null;
}

export type PassportVerdictStatus =
  | "verified"
  | "not_anchored"
  | "changed_since_anchoring"
  | "revoked"
  | "superseded"
  | "tampered"
  | "chain_unreachable";

/** Who anchored the passport version, as the chain says. */
export interface PassportIssuer {
  organizationId: Hex;
  /** The organisation's name registered in the registry; "" when the registry holds none. */
  name: string;
  /** The manufacturer wallet that anchored the batch. */
  wallet: Address;
}

export interface PassportVerdict {
  status: PassportVerdictStatus;
  /** One plain sentence for the reader. */
  reason: string;
  /** The issuing organisation, whenever the version's batch is on chain and the organisation's own. */
  issuer?: PassportIssuer;
  /** Each disclosed entry and whether it is in the passport version's tree. */
  entries: Array<{ key: string; isValid: boolean }>;
  /** Where the root is on chain, as the chain itself says (not the api). */
  anchor?: {
    chainId: number;
    registry: Address;
    batchRoot: Hex;
    blockNumber: bigint | null;
    transactionHash: Hex | null;
    anchoredAt: Date;
  };
  revokedAt?: Date;
  supersededByVersion?: number;
}

const asDate = (seconds: bigint) => new Date(Number(seconds) * 1000);

/**
 * The verdict on a disclosed passport version: every entry against the version's root, the root
 * against the batch root, and the batch root against what the chain holds. Only `chain` is trusted;
 * the disclosure's own claims (block, transaction, current version) are checked or only reported.
 */
export function verifyDisclosedPassport(
  disclosure: PassportDisclosure,
  chain: PassportChainState | { unreachable: string },
): PassportVerdict {
  const entries = disclosure.entries.map((entry) => ({
    key: entry.key,
    isValid: isEntryInPassport(disclosure.passportRoot, entry),
  }));
  const tampered = (reason: string): PassportVerdict => ({ status: "tampered", reason, entries });

  const invalid = entries.find((entry) => !entry.isValid);
  if (invalid) return tampered(`the value of ${invalid.key} does not match the passport's hash`);
  const publicIdEntry = disclosure.entries.find((entry) => entry.key === IDENTITY_KEYS.publicId);
  if (publicIdEntry?.value !== disclosure.publicId) return tampered("the passport's public id is not the one proven");
  if (disclosure.passportId.toLowerCase() !== passportIdOf(disclosure.organizationId, disclosure.publicId)) {
    return tampered("the on-chain passport id is not the issuing organisation's id for this public id");
  }
  const previous = disclosure.entries.find((entry) => entry.key === PREVIOUS_HASH_KEY);
  if (previous && previous.value !== disclosure.previousRoot) {
    return tampered("the previous version's hash is not the one proven");
  }

  const anchor = disclosure.anchor;
  if (!anchor) return { status: "not_anchored", reason: "this passport version is not anchored on chain yet", entries };
  if ("unreachable" in chain) return { status: "chain_unreachable", reason: chain.unreachable, entries };
  if (anchor.chainId !== chain.chainId) {
    return {
      status: "not_anchored",
      reason: `the passport names chain ${anchor.chainId}, but the chain read is ${chain.chainId}`,
      entries,
    };
  }
  if (anchor.registry.toLowerCase() !== chain.registry.toLowerCase()) {
    return tampered(
      `the passport claims registry ${anchor.registry}, but the registry on chain ${chain.chainId} is ${chain.registry}`,
    );
  }
  const leaf = {
    passportId: disclosure.passportId,
    version: BigInt(disclosure.version),
    passportRoot: disclosure.passportRoot,
  };
  // A claimed anchor the chain does not hold is a forgery, not an honest pending version (that one has no anchor).
  if (!chain.batch || chain.batch.time === 0n) {
    return tampered(
      `batch ${anchor.batchRoot} is not anchored on chain ${chain.chainId} at registry ${chain.registry}`,
    );
  }
  if (chain.batch.organizationId.toLowerCase() !== disclosure.organizationId.toLowerCase()) {
    const other = chain.organizationName || chain.batch.organizationId;
    return tampered(`this version was anchored by another organisation (${other}), not by the passport's issuer`);
  }
  const issuer: PassportIssuer = {
    organizationId: chain.batch.organizationId,
    name: chain.organizationName,
    wallet: chain.batch.attester,
  };
  // The contract's view answers false for a revoked batch or version, so it only speaks for unrevoked ones.
  const isRefusedByContract =
    chain.isInBatchByContract === false && chain.batch.revocationTime === 0n && chain.versionRevocationTime === 0n;
  if (!isPassportInBatch(anchor.batchRoot, leaf, anchor.batchProof) || isRefusedByContract) {
    return tampered("this passport version is not in the anchored batch");
  }
  const where = {
    chainId: chain.chainId,
    registry: chain.registry,
    batchRoot: anchor.batchRoot,
    blockNumber: chain.batchEvent?.blockNumber ?? null,
    transactionHash: chain.batchEvent?.transactionHash ?? null,
    anchoredAt: asDate(chain.batch.time),
  };
  const revocationTime = chain.batch.revocationTime || chain.versionRevocationTime;
  if (revocationTime !== 0n) {
    return {
      status: "revoked",
      reason: `the manufacturer revoked this passport version on ${asDate(revocationTime).toISOString()}`,
      entries,
      anchor: where,
      issuer,
      revokedAt: asDate(revocationTime),
    };
  }

  const claim = disclosure.supersededBy;
  const isClaimOnChain =
    claim !== null &&
    claim.version > disclosure.version &&
    chain.supersedingBatch !== null &&
    chain.supersedingBatch.time >= chain.batch.time &&
    chain.supersedingBatch.revocationTime === 0n &&
    isPassportInBatch(
      claim.batchRoot,
      { passportId: disclosure.passportId, version: BigInt(claim.version), passportRoot: claim.passportRoot },
      claim.batchProof,
    );
  if (claim && isClaimOnChain) {
    return {
      status: "superseded",
      reason: `version ${claim.version} of this passport was anchored after this one`,
      entries,
      anchor: where,
      issuer,
      supersededByVersion: claim.version,
    };
  }
  const later = chain.laterAnchors.find((anchored) => anchored.revocationTime === 0n);
  if (later) {
    return {
      status: "superseded",
      reason: `a later version of this passport was anchored in batch ${later.batchRoot} at block ${later.blockNumber}`,
      entries,
      anchor: where,
      issuer,
    };
  }
  if (disclosure.currentVersion > disclosure.version) {
    return {
      status: "changed_since_anchoring",
      reason: `the data shown was anchored as version ${disclosure.version}; the manufacturer has changed it since (version ${disclosure.currentVersion} is not anchored yet)`,
      entries,
      anchor: where,
      issuer,
    };
  }
  return {
    status: "verified",
    reason: `anchored on chain ${chain.chainId} at block ${where.blockNumber ?? "?"} on ${where.anchoredAt.toISOString()}`,
    entries,
    anchor: where,
    issuer,
  };
}
