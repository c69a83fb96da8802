import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Hex, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { BATCH_LEAF_TYPES } from "./batchTree.ts";
import { ENTRY_LEAF_TYPES } from "./passportTree.ts";
import {
  buildStandardTree,
  encodeBatchLeaf,
  encodeEntryLeaf,
  getProofFromNodes,
  useWasmKeccak,
} from "./standardTree.ts";

const randomHex = (bytes: number): Hex => toHex(crypto.getRandomValues(new Uint8Array(bytes)));
const texts = [
  "",
  "a",
  "passport.serial_number",
  "€ Ünïcödé 😀",
  "x".repeat(31),
  "y".repeat(32),
  "z".repeat(33),
  '"17.5"',
];

describe("buildStandardTree", () => {
  it.each([1, 2, 3, 7, 8, 17, 64])("matches @openzeppelin/merkle-tree on %i entry leaves", (count) => {
    const leaves = Array.from({ length: count }, (_, i) => [
      texts[i % texts.length]! + i,
      texts[(i * 3) % texts.length]!,
      i % 2 ? randomHex(32) : `0x${"00".repeat(32)}`,
    ]) as Array<[string, string, Hex]>;
    const ours = buildStandardTree(leaves.map(([key, value, salt]) => encodeEntryLeaf(key, value, salt)));
    const theirs = StandardMerkleTree.of(leaves, [...ENTRY_LEAF_TYPES]);
    expect(ours.root).toBe(theirs.root);
    expect(ours.proofs).toEqual(leaves.map((_, index) => theirs.getProof(index)));
    expect(ours.treeIndices.map((treeIndex) => getProofFromNodes(ours.nodes, treeIndex))).toEqual(ours.proofs);
  });

  it.each([1, 2, 5, 100])("matches @openzeppelin/merkle-tree on %i batch leaves", (count) => {
    const leaves = Array.from({ length: count }, (_, i) => [
      randomHex(32),
      BigInt(i * 1_000_003 + 1),
      randomHex(32),
    ]) as Array<[Hex, bigint, Hex]>;
    const ours = buildStandardTree(leaves.map(([id, version, root]) => encodeBatchLeaf(id, version, root)));
    const theirs = StandardMerkleTree.of(leaves, [...BATCH_LEAF_TYPES]);
    expect(ours.root).toBe(theirs.root);
    expect(ours.proofs).toEqual(leaves.map((_, index) => theirs.getProof(index)));
  });

  it("gives the same root with the WebAssembly keccak", async () => {
    const leaves = texts.map((text) => encodeEntryLeaf(text, text, `0x${"00".repeat(32)}`));
    const before = buildStandardTree(leaves);
    await useWasmKeccak();
    expect(buildStandardTree(leaves)).toEqual(before);
  });

  it("refuses an empty tree", () => {
    expect(() => buildStandardTree([])).toThrow();
  });
});
