import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Hex } from "viem";
import { buildStandardTree, encodeBatchLeaf } from "./standardTree.ts";

/** Leaf encoding of a batch: `[passportId, version, passportRoot]`, as PassportRegistry.passportLeaf hashes it. */
export const BATCH_LEAF_TYPES = ["bytes32", "uint64", "bytes32"] as const;

export interface BatchEntry {
  passportId: Hex;
  version: bigint;
  /** The passport version's hash (root of its entry tree). */
  passportRoot: Hex;
}

export interface PassportBatch {
  root: Hex;
  /** The proof of each entry, in the order given. */
  proofs: Hex[][];
}

function batchLeaf(entry: BatchEntry): [Hex, bigint, Hex] {
  return [entry.passportId, entry.version, entry.passportRoot];
}

/** One Merkle root for many passport versions; anchored on chain with PassportRegistry.anchorBatch. */
export function buildPassportBatch(entries: BatchEntry[]): PassportBatch {
  if (entries.length === 0) throw new Error("a batch needs at least one passport version");
  return buildStandardTree(
    entries.map((entry) => encodeBatchLeaf(entry.passportId, entry.version, entry.passportRoot)),
  );
}

/** Whether `entry` with `proof` belongs to the batch whose root is `batchRoot`. */
export function isPassportInBatch(batchRoot: Hex, entry: BatchEntry, proof: Hex[]): boolean {
  try {
    return StandardMerkleTree.verify(batchRoot, [...BATCH_LEAF_TYPES], batchLeaf(entry), proof);
  } catch {
    return false;
  }
}

/** The leaf hash the contract computes for `entry` (PassportRegistry.passportLeaf). */
export function batchLeafHash(entry: BatchEntry): Hex {
  return StandardMerkleTree.of([batchLeaf(entry)], [...BATCH_LEAF_TYPES]).leafHash(batchLeaf(entry)) as Hex;
}
