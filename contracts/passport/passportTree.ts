import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Hex, toHex } from "viem";
import { type JsonValue, toCanonicalJson } from "./canonicalJson.ts";
import { IDENTITY_KEYS, PASSPORT_SCHEMA, type PassportDocument, type PassportEntry } from "./PassportDocument.ts";
import { buildStandardTreeNodes, encodeEntryLeaf, getProofFromNodes } from "./standardTree.ts";

/** Leaf encoding of one entry: `[key, canonical JSON of the value, salt]`. */
export const ENTRY_LEAF_TYPES = ["string", "string", "bytes32"] as const;
export const ZERO_SALT: Hex = `0x${"0".repeat(64)}`;

/** One entry of a built passport tree, with everything a verifier needs to check it alone. */
export interface ProvenEntry extends PassportEntry {
  salt: Hex;
  proof: Hex[];
}

export interface PassportTree {
  /** The passport version's hash: the root of its entry tree. */
  root: Hex;
  entries: ProvenEntry[];
  /** The whole tree, root first, and each entry's place in it: what a server keeps to serve proofs. */
  nodes: Hex[];
  treeIndexByKey: Record<string, number>;
}

/**
 * A fresh random salt. Non-public entries carry one so their values cannot be guessed from the
 * root by trying likely values; public entries use ZERO_SALT so anyone can recompute them.
 */
export function newSalt(): Hex {
  if (saltOffset === saltPool.length) {
    saltPool = crypto.getRandomValues(new Uint8Array(32 * SALTS_PER_DRAW));
    saltOffset = 0;
  }
  const salt = saltPool.subarray(saltOffset, saltOffset + 32);
  saltOffset += 32;
  return toHex(salt);
}

// Random bytes are drawn for many salts at once (one call per 256 salts instead of one per salt, a
// third of a version's hashing time); each salt still takes fresh bytes that no other salt uses.
const SALTS_PER_DRAW = 256;
let saltPool = new Uint8Array(0);
let saltOffset = 0;

export function saltFor(entry: PassportEntry, existing?: Hex): Hex {
  if (entry.access === "public") return ZERO_SALT;
  return existing ?? newSalt();
}

function entryLeaf(entry: { key: string; value: JsonValue; salt: Hex }): [string, string, Hex] {
  return [entry.key, toCanonicalJson(entry.value), entry.salt];
}

/** Every entry of `document`, the identity fields first. Duplicate keys are refused. */
export function documentEntries(document: PassportDocument): PassportEntry[] {
  const entries: PassportEntry[] = [
    { key: IDENTITY_KEYS.schema, value: PASSPORT_SCHEMA, access: "public" },
    { key: IDENTITY_KEYS.publicId, value: document.publicId, access: "public" },
    ...document.entries,
  ];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.key)) throw new Error(`duplicate passport entry ${entry.key}`);
    seen.add(entry.key);
  }
  return entries;
}

/**
 * Builds the Merkle tree of a passport version as OpenZeppelin's StandardMerkleTree does (standardTree.ts). `salts`
 * keeps the salts of entries that already have one (a rebuilt version must hash the same).
 */
export function buildPassportTree(
  document: PassportDocument,
  salts: ReadonlyMap<string, Hex> = new Map(),
): PassportTree {
  const salted = documentEntries(document).map((entry) => ({ ...entry, salt: saltFor(entry, salts.get(entry.key)) }));
  const tree = buildStandardTreeNodes(
    salted.map((entry) => encodeEntryLeaf(entry.key, toCanonicalJson(entry.value), entry.salt)),
  );
  return {
    root: tree.root,
    entries: salted.map((entry, index) => ({
      ...entry,
      proof: getProofFromNodes(tree.nodes, tree.treeIndices[index] as number),
    })),
    nodes: tree.nodes,
    treeIndexByKey: Object.fromEntries(salted.map((entry, index) => [entry.key, tree.treeIndices[index] as number])),
  };
}

/** A passport version's tree as a server keeps it: no per-entry proofs (they follow from the nodes). */
export interface PassportTreeNodes {
  root: Hex;
  nodes: Hex[];
  treeIndexByKey: Record<string, number>;
  /** The salt of each non-public entry (public entries use ZERO_SALT), to keep for the next version. */
  salts: Record<string, Hex>;
}

/**
 * The same tree as buildPassportTree (same salts, root, nodes and places), without building every
 * entry's proof and proven entry: for materialising thousands of versions at once.
 */
export function buildPassportTreeNodes(
  document: PassportDocument,
  salts: Readonly<Record<string, Hex>> = {},
): PassportTreeNodes {
  const entries = documentEntries(document);
  const encoded: Uint8Array[] = new Array(entries.length);
  const kept: Record<string, Hex> = {};
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as PassportEntry;
    const salt = saltFor(entry, Object.hasOwn(salts, entry.key) ? salts[entry.key] : undefined);
    if (entry.access !== "public") kept[entry.key] = salt;
    encoded[index] = encodeEntryLeaf(entry.key, toCanonicalJson(entry.value), salt);
  }
  const tree = buildStandardTreeNodes(encoded);
  const treeIndexByKey: Record<string, number> = {};
  for (let index = 0; index < entries.length; index++) {
    treeIndexByKey[(entries[index] as PassportEntry).key] = tree.treeIndices[index] as number;
  }
  return { root: tree.root, nodes: tree.nodes, treeIndexByKey, salts: kept };
}

/** Whether `entry` (value, salt, proof) belongs to the passport version whose hash is `root`. */
export function isEntryInPassport(
  root: Hex,
  entry: { key: string; value: JsonValue; salt: Hex; proof: Hex[] },
): boolean {
  try {
    return StandardMerkleTree.verify(root, [...ENTRY_LEAF_TYPES], entryLeaf(entry), entry.proof);
  } catch {
    return false;
  }
}
