import { buildPassportBatch, organizationIdOf, passportIdOf, publicIdHashOf } from "@a360/contracts/passport";
import { sql } from "kysely";
import type { Hex } from "viem";
import type { Database } from "../database/Database.ts";
import { materialisePassportVersions } from "../passport-versions/materialisePassportVersions.ts";

export interface PreparedBatch {
  id: string;
  root: Hex;
  leafCount: number;
  /** On-chain ids of the batch's passports, in leaf order (for per-passport events). */
  /** One per leaf, in leaf order: what anchorBatch takes for per-passport events. */
  publicIdHashes: Hex[];
  isNew: boolean;
}

const ANALYZE_AFTER_LEAVES = 1_000;

/**
 * Prepares the tenant's next batch: materialises pending versions, takes every unanchored version,
 * builds the batch tree over their roots with the shared passport module and stores every proof.
 * An earlier prepared batch over the same versions is returned as is; one over fewer versions is
 * discarded (it stays recorded, so its root is still recognised if it is anchored after all).
 * Returns undefined when there is nothing to anchor.
 */
export async function preparePassportBatch(db: Database, tenantId: string): Promise<PreparedBatch | undefined> {
  await materialisePassportVersions(db, { tenantId });
  // Versions of the tenant in no anchored (or revoked) batch: what the next batch must hold.
  const versions = await db.sql
    .selectFrom("passport_version as v")
    .innerJoin("passport as p", "p.id", "v.passport_id")
    .select(["v.id", "p.public_id", "v.version", "v.root"])
    .where("v.tenant_id", "=", tenantId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("passport_batch_entry as e")
            .innerJoin("passport_batch as b", "b.id", "e.batch_id")
            .select(sql.lit(1).as("one"))
            .whereRef("e.version_id", "=", "v.id")
            .where("b.status", "in", ["ANCHORED", "REVOKED"]),
        ),
      ),
    )
    .orderBy("p.public_id")
    .orderBy("v.version")
    .execute();
  if (versions.length === 0) return undefined;
  const organisationId = organizationIdOf(tenantId);
  const leaves = versions.map((row) => ({
    passportId: passportIdOf(organisationId, row.public_id),
    version: BigInt(row.version),
    passportRoot: row.root as Hex,
  }));
  const batch = buildPassportBatch(leaves);
  const publicIdHashes = versions.map((row) => publicIdHashOf(row.public_id));

  const prepared = await db.sql.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom("passport_batch")
      .select(["id", "status"])
      .where("root", "=", batch.root)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .updateTable("passport_batch")
      .set({ status: "DISCARDED" })
      .where("tenant_id", "=", tenantId)
      .where("status", "=", "PREPARED")
      .where("root", "<>", batch.root)
      .execute();
    if (found) {
      if (found.status === "DISCARDED") {
        await trx.updateTable("passport_batch").set({ status: "PREPARED" }).where("id", "=", found.id).execute();
      }
      return { id: found.id, isNew: false };
    }
    const created = await trx
      .insertInto("passport_batch")
      .values({ tenant_id: tenantId, root: batch.root, leaf_count: leaves.length })
      .returning("id")
      .executeTakeFirstOrThrow();
    // One JSON payload (version id, proof) in leaf order: parsed once by Postgres.
    const entries = JSON.stringify(versions.map((row, index) => [row.id, batch.proofs[index]]));
    await sql`insert into app.passport_batch_entry (batch_id, version_id, leaf_index, proof)
              select ${created.id}::uuid, (e.value->>0)::uuid, (e.ordinality - 1)::int, e.value->1
                from jsonb_array_elements(${entries}::jsonb) with ordinality as e`.execute(trx);
    return { id: created.id, isNew: true };
  });
  // A big batch changes these tables' shape at once; without fresh statistics until autovacuum
  // comes by, the public read's plan scans every batch entry instead of using the index.
  if (prepared.isNew && leaves.length >= ANALYZE_AFTER_LEAVES) {
    await sql`analyze app.passport_version, app.passport_batch_entry, app.passport_batch`.execute(db.sql);
  }
  return { id: prepared.id, root: batch.root, leafCount: leaves.length, publicIdHashes, isNew: prepared.isNew };
}
