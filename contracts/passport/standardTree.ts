import { bytesToHex, type Hex, hexToBytes, keccak256 } from "viem";

/**
 * OpenZeppelin's StandardMerkleTree, built for whole trees at once on bytes rather than hex strings:
 * the same leaf hash (`keccak256(keccak256(abi.encode(...)))`), the same sorted leaves, the same
 * array layout, the same sorted-pair node hash, so the same root and proofs (tests compare both
 * against @openzeppelin/merkle-tree). Used where thousands of passports are hashed at once.
 */
export interface StandardTree {
  root: Hex;
  /** The proof of each leaf, in the order the encodings were given. */
  proofs: Hex[][];
  /** Every node, root first (OpenZeppelin's layout): a compact form to keep, proofs follow from it. */
  nodes: Hex[];
  /** Where each leaf sits in `nodes`, in the order the encodings were given. */
  treeIndices: number[];
}

/** The proof of the leaf at `treeIndex` of a tree kept as its nodes: the siblings up to the root. */
export function getProofFromNodes(nodes: readonly Hex[], treeIndex: number): Hex[] {
  const proof: Hex[] = [];
  for (let index = treeIndex; index > 0; index = Math.floor((index - 1) / 2)) {
    proof.push(nodes[index % 2 === 1 ? index + 1 : index - 1] as Hex);
  }
  return proof;
}

interface Keccak {
  init(): unknown;
  update(data: Uint8Array): unknown;
  digest(format: "binary"): Uint8Array;
}
let wasmKeccak: Keccak | undefined;

/**
 * Switches tree building to a WebAssembly keccak (hash-wasm), about twice the JavaScript one; for
 * servers hashing thousands of passports. Results are the same; verifiers need not call it.
 */
export async function useWasmKeccak(): Promise<void> {
  if (wasmKeccak) return;
  const { createKeccak } = await import("hash-wasm");
  wasmKeccak = await createKeccak(256);
}

function hash(bytes: Uint8Array): Uint8Array {
  if (!wasmKeccak) return keccak256(bytes, "bytes");
  wasmKeccak.init();
  wasmKeccak.update(bytes);
  return wasmKeccak.digest("binary");
}

/** keccak256 of `bytes` as hex, with the WebAssembly keccak once useWasmKeccak has run. */
export function keccakHex(bytes: Uint8Array): Hex {
  return bytesToHex(hash(bytes));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const difference = (a[i] as number) - (b[i] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}

// The hash copies what it is given, so one pair buffer serves every node.
const pair = new Uint8Array(64);

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (compareBytes(a, b) <= 0) {
    pair.set(a, 0);
    pair.set(b, 32);
  } else {
    pair.set(b, 0);
    pair.set(a, 32);
  }
  return hash(pair);
}

/** Builds the tree over leaves given as their ABI encodings. */
export function buildStandardTree(encodedLeaves: readonly Uint8Array[]): StandardTree {
  const tree = buildStandardTreeNodes(encodedLeaves);
  const proofs = tree.treeIndices.map((treeIndex) => getProofFromNodes(tree.nodes, treeIndex));
  return { root: tree.root, proofs, nodes: tree.nodes, treeIndices: tree.treeIndices };
}

/** The tree without the proofs of every leaf (they follow from its nodes): for trees kept as nodes. */
export function buildStandardTreeNodes(encodedLeaves: readonly Uint8Array[]): Omit<StandardTree, "proofs"> {
  if (encodedLeaves.length === 0) throw new Error("a tree needs at least one leaf");
  const leaves = encodedLeaves.map((encoded, valueIndex) => ({ valueIndex, hash: hash(hash(encoded)) }));
  leaves.sort((a, b) => compareBytes(a.hash, b.hash));
  const size = 2 * leaves.length - 1;
  const nodes: Uint8Array[] = new Array(size);
  const treeIndexOf: number[] = new Array(leaves.length);
  for (let leafIndex = 0; leafIndex < leaves.length; leafIndex++) {
    const leaf = leaves[leafIndex] as { valueIndex: number; hash: Uint8Array };
    nodes[size - 1 - leafIndex] = leaf.hash;
    treeIndexOf[leaf.valueIndex] = size - 1 - leafIndex;
  }
  for (let i = size - 1 - leaves.length; i >= 0; i--) {
    nodes[i] = hashPair(nodes[2 * i + 1] as Uint8Array, nodes[2 * i + 2] as Uint8Array);
  }
  const hexNodes = nodes.map((node) => bytesToHex(node));
  return { root: hexNodes[0] as Hex, nodes: hexNodes, treeIndices: treeIndexOf };
}

const encoder = new TextEncoder();
const paddedLength = (length: number) => Math.ceil(length / 32) * 32;

function writeWord(target: Uint8Array, offset: number, value: number) {
  // Lengths and offsets fit in 48 bits; the upper bytes of the word stay zero.
  let rest = value;
  for (let i = 31; i >= 26; i--) {
    target[offset + i] = rest & 0xff;
    rest = Math.floor(rest / 256);
  }
}

// Entry keys come from a catalogue and repeat in every passport: their UTF-8 bytes are kept.
const keyBytesCache = new Map<string, Uint8Array>();
const KEY_CACHE_LIMIT = 4_096;

function keyBytesOf(key: string): Uint8Array {
  let bytes = keyBytesCache.get(key);
  if (!bytes) {
    bytes = encoder.encode(key);
    if (keyBytesCache.size < KEY_CACHE_LIMIT) keyBytesCache.set(key, bytes);
  }
  return bytes;
}

/** `abi.encode(string key, string value, bytes32 salt)`: the encoding of a passport entry leaf. */
export function encodeEntryLeaf(key: string, value: string, salt: Hex): Uint8Array {
  const keyBytes = keyBytesOf(key);
  const valueBytes = encoder.encode(value);
  const keyStart = 96;
  const valueStart = keyStart + 32 + paddedLength(keyBytes.length);
  const encoded = new Uint8Array(valueStart + 32 + paddedLength(valueBytes.length));
  writeWord(encoded, 0, keyStart);
  writeWord(encoded, 32, valueStart);
  encoded.set(hexToBytes(salt), 64);
  writeWord(encoded, keyStart, keyBytes.length);
  encoded.set(keyBytes, keyStart + 32);
  writeWord(encoded, valueStart, valueBytes.length);
  encoded.set(valueBytes, valueStart + 32);
  return encoded;
}

/** `abi.encode(bytes32 passportId, uint64 version, bytes32 passportRoot)`: a batch leaf. */
export function encodeBatchLeaf(passportId: Hex, version: bigint, passportRoot: Hex): Uint8Array {
  const encoded = new Uint8Array(96);
  encoded.set(hexToBytes(passportId), 0);
  let rest = version;
  for (let i = 63; i >= 56; i--) {
    encoded[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  encoded.set(hexToBytes(passportRoot), 64);
  return encoded;
}
