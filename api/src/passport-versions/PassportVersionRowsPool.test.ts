/**
 * The worker threads that hash passport versions: the rows they build are the ones this thread
 * builds for the same drafts and salts, in order, and a failing or dying worker fails the call.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildPassportTree, PASSPORT_SCHEMA, type PassportDocument, useWasmKeccak } from "@a360/contracts/passport";
import type { Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPassportVersionRows, type PassportVersionDraft } from "./buildPassportVersionRows.ts";
import { PassportVersionRowsPool } from "./PassportVersionRowsPool.ts";

const salt = (index: number): Hex => `0x${(index + 1).toString(16).padStart(64, "0")}`;

function draftOf(index: number): PassportVersionDraft {
  const document: PassportDocument = {
    schema: PASSPORT_SCHEMA,
    publicId: `pool${String(index).padStart(6, "0")}x`,
    version: 1 + (index % 3),
    entries: [
      { key: "passport.manufacturer", value: "Volta GmbH", access: "public" },
      { key: "passport.previous_hash", value: index % 3 ? salt(index) : null, access: "public" },
      { key: "perf.rated_capacity_ah", value: 17.5 + index, access: "public" },
      { key: "circ.recycled_content_pct", value: index % 40, access: "legitimate_interest" },
      { key: "supply.due_diligence_report", value: `https://example.org/dd-${index}.pdf`, access: "authority" },
    ],
  };
  return {
    tenantId: "00000000-0000-4000-8000-000000000001",
    passportId: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    document,
    // Every non-public entry keeps a salt, so both threads hash the same leaves.
    previousSalts: { "circ.recycled_content_pct": salt(2 * index), "supply.due_diligence_report": salt(2 * index + 1) },
    previousRoot: index % 3 ? salt(index) : null,
  };
}

const drafts = Array.from({ length: 301 }, (_, index) => draftOf(index));
let pool: PassportVersionRowsPool;

beforeAll(async () => {
  await useWasmKeccak();
  pool = new PassportVersionRowsPool(2);
});

afterAll(async () => {
  await pool.close();
});

describe("PassportVersionRowsPool.buildRows", () => {
  it("builds the rows this thread builds, byte for byte, in the drafts' order", async () => {
    expect(await pool.buildRows(drafts)).toBe(buildPassportVersionRows(drafts));
  });

  it("gives each version the root of its document's tree with its salts", async () => {
    const rows = JSON.parse(await pool.buildRows(drafts.slice(0, 20))) as unknown[][];
    rows.forEach((row, index) => {
      const draft = drafts[index]!;
      const tree = buildPassportTree(draft.document, new Map(Object.entries(draft.previousSalts!)));
      expect(row[5]).toBe(tree.root);
    });
  });

  it("returns an empty array for no drafts", async () => {
    expect(await pool.buildRows([])).toBe("[]");
  });

  it("rejects with the error a worker reports", async () => {
    const broken = draftOf(7);
    broken.document.entries.push({ key: "perf.rated_capacity_ah", value: 1, access: "public" });
    await expect(pool.buildRows([...drafts.slice(0, 200), broken])).rejects.toThrow(
      "duplicate passport entry perf.rated_capacity_ah",
    );
  });

  it("keeps working after a worker reported an error", async () => {
    expect(await pool.buildRows(drafts.slice(0, 10))).toBe(buildPassportVersionRows(drafts.slice(0, 10)));
  });

  it("fails the calls in flight when its workers stop, and starts new ones on the next call", async () => {
    const failed = expect(pool.buildRows(drafts)).rejects.toThrow();
    await pool.close();
    await failed;
    expect(await pool.buildRows(drafts.slice(0, 10))).toBe(buildPassportVersionRows(drafts.slice(0, 10)));
  });
});

describe("PassportVersionRowsPool.start", () => {
  it("does not keep the process alive while its workers are idle", async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "a360-pool-"));
    const script = path.join(directory, "startPool.mjs");
    const poolUrl = new URL("./PassportVersionRowsPool.ts", import.meta.url).href;
    await writeFile(
      script,
      `import { PassportVersionRowsPool } from ${JSON.stringify(poolUrl)};\nnew PassportVersionRowsPool(1).start();\n`,
    );
    try {
      const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
        // A process the pool keeps alive is killed at the deadline and reports its signal.
        const child = execFile(
          process.execPath,
          ["--import", "tsx", script],
          { cwd: fileURLToPath(new URL("../..", import.meta.url)), timeout: 20_000 },
          () => resolve({ code: child.exitCode, signal: child.signalCode }),
        );
      });
      expect(exit).toEqual({ code: 0, signal: null });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
