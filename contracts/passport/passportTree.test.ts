import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { describe, expect, it } from "vitest";
import { buildPassportBatch, isPassportInBatch } from "./batchTree.ts";
import { toCanonicalJson } from "./canonicalJson.ts";
import { PASSPORT_SCHEMA, type PassportDocument } from "./PassportDocument.ts";
import { passportIdOf } from "./passportId.ts";
import {
  buildPassportTree,
  buildPassportTreeNodes,
  ENTRY_LEAF_TYPES,
  isEntryInPassport,
  ZERO_SALT,
} from "./passportTree.ts";
import { getProofFromNodes, useWasmKeccak } from "./standardTree.ts";

function passport(overrides: Partial<Record<string, number | string>> = {}): PassportDocument {
  return {
    schema: PASSPORT_SCHEMA,
    publicId: "p-7Kq2xZ",
    version: 1,
    entries: [
      { key: "passport.serial_number", value: "VC-2026-000123", access: "public" },
      { key: "perf.rated_capacity_ah", value: overrides.capacity ?? 17.5, access: "public" },
      { key: "circ.recycled_content_pct", value: 12, access: "legitimate_interest" },
      { key: "supply.due_diligence_report", value: "https://example.org/dd.pdf", access: "authority" },
    ],
  };
}

function saltsOf(tree: ReturnType<typeof buildPassportTree>) {
  return new Map(tree.entries.map((entry) => [entry.key, entry.salt]));
}

describe("buildPassportTreeNodes", () => {
  it("keeps the tree buildPassportTree builds: root, nodes, places, salts and so every proof", async () => {
    for (const wasm of [false, true]) {
      if (wasm) await useWasmKeccak();
      const full = buildPassportTree(passport());
      const salts = Object.fromEntries(
        full.entries.filter((entry) => entry.access !== "public").map((entry) => [entry.key, entry.salt]),
      );
      const kept = buildPassportTreeNodes(passport(), salts);
      expect(kept).toEqual({ root: full.root, nodes: full.nodes, treeIndexByKey: full.treeIndexByKey, salts });
      for (const entry of full.entries) {
        expect(getProofFromNodes(kept.nodes, kept.treeIndexByKey[entry.key]!)).toEqual(entry.proof);
      }
    }
  });

  it("salts new non-public entries and reports their salts", () => {
    const kept = buildPassportTreeNodes(passport());
    expect(Object.keys(kept.salts).sort()).toEqual(["circ.recycled_content_pct", "supply.due_diligence_report"]);
    const again = buildPassportTreeNodes(passport(), kept.salts);
    expect(again.root).toBe(kept.root);
    expect(buildPassportTree(passport(), new Map(Object.entries(kept.salts))).root).toBe(kept.root);
  });
});

describe("buildPassportTree", () => {
  it("proves every entry against the root", () => {
    const tree = buildPassportTree(passport());
    for (const entry of tree.entries) expect(isEntryInPassport(tree.root, entry)).toBe(true);
  });

  it("salts non-public entries and leaves public ones unsalted", () => {
    const tree = buildPassportTree(passport());
    const byKey = new Map(tree.entries.map((entry) => [entry.key, entry]));
    expect(byKey.get("perf.rated_capacity_ah")?.salt).toBe(ZERO_SALT);
    expect(byKey.get("circ.recycled_content_pct")?.salt).not.toBe(ZERO_SALT);
    expect(byKey.get("supply.due_diligence_report")?.salt).not.toBe(ZERO_SALT);
  });

  it("gives the same root for the same document and salts", () => {
    const first = buildPassportTree(passport());
    expect(buildPassportTree(passport(), saltsOf(first)).root).toBe(first.root);
  });

  it("gives another root when one value changes", () => {
    const first = buildPassportTree(passport());
    expect(buildPassportTree(passport({ capacity: 17.6 }), saltsOf(first)).root).not.toBe(first.root);
  });

  it("includes the schema and public id as proven entries", () => {
    const keys = buildPassportTree(passport()).entries.map((entry) => entry.key);
    expect(keys).toEqual(expect.arrayContaining(["passport.schema", "passport.public_id"]));
  });

  it("refuses a document with a duplicate key", () => {
    const document = passport();
    document.entries.push({ key: "perf.rated_capacity_ah", value: 1, access: "public" });
    expect(() => buildPassportTree(document)).toThrow("duplicate passport entry perf.rated_capacity_ah");
  });
});

describe("isEntryInPassport", () => {
  const tree = buildPassportTree(passport());
  const capacity = tree.entries.find((entry) => entry.key === "perf.rated_capacity_ah")!;
  const serial = tree.entries.find((entry) => entry.key === "passport.serial_number")!;

  it("refuses a changed value", () => {
    expect(isEntryInPassport(tree.root, { ...capacity, value: 99 })).toBe(false);
  });

  it("refuses another entry's proof", () => {
    expect(isEntryInPassport(tree.root, { ...capacity, proof: serial.proof })).toBe(false);
  });

  it("refuses a wrong salt", () => {
    const recycled = tree.entries.find((entry) => entry.key === "circ.recycled_content_pct")!;
    expect(isEntryInPassport(tree.root, { ...recycled, salt: ZERO_SALT })).toBe(false);
  });

  it("agrees with @openzeppelin/merkle-tree verifying the raw leaf", () => {
    const leaf = [capacity.key, toCanonicalJson(capacity.value), capacity.salt];
    expect(StandardMerkleTree.verify(tree.root, [...ENTRY_LEAF_TYPES], leaf, capacity.proof)).toBe(true);
  });
});

describe("buildPassportBatch", () => {
  const entries = ["p-1", "p-2", "p-3"].map((publicId, index) => ({
    passportId: passportIdOf(`0x${"11".repeat(32)}`, publicId),
    version: BigInt(index + 1),
    passportRoot: buildPassportTree({ ...passport(), publicId }).root,
  }));
  const batch = buildPassportBatch(entries);

  it("proves each passport version against the batch root", () => {
    entries.forEach((entry, index) => {
      expect(isPassportInBatch(batch.root, entry, batch.proofs[index]!)).toBe(true);
    });
  });

  it("refuses a passport root that is not in the batch", () => {
    const stranger = { ...entries[0]!, passportRoot: entries[1]!.passportRoot };
    expect(isPassportInBatch(batch.root, stranger, batch.proofs[0]!)).toBe(false);
  });

  it("refuses a root from another batch", () => {
    const other = buildPassportBatch(entries.slice(1));
    expect(isPassportInBatch(other.root, entries[0]!, batch.proofs[0]!)).toBe(false);
  });

  it("refuses an empty batch", () => {
    expect(() => buildPassportBatch([])).toThrow();
  });
});
