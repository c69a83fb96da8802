/**
 * Materialising a tenant's pending passports when a chunk is big enough for the worker threads:
 * the versions they hash are the trees this thread rebuilds from the stored documents and salts,
 * and a chunk whose hashing fails writes nothing and leaves its passports pending.
 */
import { buildPassportTreeNodes, type PassportDocument } from "@a360/contracts/passport";
import { CompiledQuery } from "kysely";
import type { Hex } from "viem";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { materialisePassportVersions } from "./materialisePassportVersions.ts";
import { PassportVersionRowsPool } from "./PassportVersionRowsPool.ts";

const PASSPORTS = 300;

let context: Awaited<ReturnType<typeof createTestApp>>;
let maker: SignedInMember;

const sql = <Row>(text: string, values: unknown[] = []) =>
  context.db.sql.executeQuery<Row>(CompiledQuery.raw(text, values)).then((result) => result.rows);

const countOf = async (table: string) =>
  (
    await sql<{ count: number }>(`select count(*)::int as count from app.${table} where tenant_id = $1::uuid`, [
      maker.organizationId,
    ])
  )[0]!.count;

beforeAll(async () => {
  context = await createTestApp();
  maker = await signInMember(context.app, context.db, "MANUFACTURER");
  const model = await maker.request(`/organizations/${maker.organizationId}/models`, {
    method: "POST",
    body: { modelCode: "MW-1", name: "Worker model", batteryCategory: "LMT", referenceCode: "LMT-VOL-48V-880" },
  });
  expect(model.status).toBe(201);
  const lines = ["public_id,model_code,serial_number,production_date"];
  for (let i = 0; i < PASSPORTS; i++) {
    lines.push(`mworker${String(i).padStart(5, "0")}x,MW-1,SN-${String(i).padStart(5, "0")},2026-02-01`);
  }
  const imported = await maker.request(`/organizations/${maker.organizationId}/passports/import`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: `${lines.join("\n")}\n`,
  });
  expect(imported.status).toBe(200);
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  if (context) await closeDatabase(context.db);
});

/**
 * The pending passports, named: a tenant's scope claims chunks on two connections at once, which may
 * split 300 passports into two chunks below the workers' threshold; named passports are one chunk.
 */
async function findPendingPassportIds(): Promise<string[]> {
  const rows = await sql<{ passport_id: string }>(
    "select passport_id from app.passport_version_pending where tenant_id = $1::uuid",
    [maker.organizationId],
  );
  return rows.map((row) => row.passport_id);
}

describe("materialisePassportVersions with worker threads", () => {
  it("writes nothing when a chunk's hashing fails, and leaves its passports pending", async () => {
    vi.spyOn(PassportVersionRowsPool.prototype, "buildRows").mockRejectedValueOnce(
      new Error("passport version worker exited (code 1)"),
    );
    await expect(
      materialisePassportVersions(context.db, { passportIds: await findPendingPassportIds() }),
    ).rejects.toThrow("passport version worker exited");
    expect(await countOf("passport_version")).toBe(0);
    expect(await countOf("passport_version_pending")).toBe(PASSPORTS);
  });

  it("hashes the chunk in the workers", async () => {
    const buildRows = vi.spyOn(PassportVersionRowsPool.prototype, "buildRows");
    expect(await materialisePassportVersions(context.db, { passportIds: await findPendingPassportIds() })).toBe(
      PASSPORTS,
    );
    expect(buildRows).toHaveBeenCalledTimes(1);
    expect(await countOf("passport_version_pending")).toBe(0);
  });

  it("stores for each version the tree this thread builds from its document and salts", async () => {
    const versions = await sql<{
      document: PassportDocument;
      salts: Record<string, Hex>;
      root: string;
      entry_tree: { nodes: Hex[]; treeIndexByKey: Record<string, number> };
    }>("select document, salts, root, entry_tree from app.passport_version where tenant_id = $1::uuid", [
      maker.organizationId,
    ]);
    expect(versions).toHaveLength(PASSPORTS);
    for (const version of versions) {
      expect(buildPassportTreeNodes(version.document, version.salts)).toEqual({
        root: version.root,
        nodes: version.entry_tree.nodes,
        treeIndexByKey: version.entry_tree.treeIndexByKey,
        salts: version.salts,
      });
    }
  });
});
