import type { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Hex } from "viem";

/**
 * The proof of every value of `tree`, in value order: the siblings from its leaf to the root, as
 * OpenZeppelin's `getProof` walks them. `getProof` re-hashes the leaf and re-verifies the proof on
 * each call; for whole trees of thousands of passports that triples the hashing, so the walk is done
 * here once per value on the tree OpenZeppelin built (tests check the proofs with its `verify`).
 */
export function getAllProofs<T extends unknown[]>(tree: StandardMerkleTree<T>): Hex[][] {
  const { tree: nodes, values } = tree.dump();
  return values.map(({ treeIndex }) => {
    const proof: Hex[] = [];
    for (let index = treeIndex; index > 0; index = Math.floor((index - 1) / 2)) {
      proof.push(nodes[index % 2 === 1 ? index + 1 : index - 1] as Hex);
    }
    return proof;
  });
}
