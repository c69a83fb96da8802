import { buildPassportBatch, passportIdOf } from "@a360/contracts/passport";
import type { Hex } from "viem";
import { type Database, getSqlPool } from "../database/prisma.ts";
import { materialisePassportVersions } from "../passport-versions/materialisePassportVersions.ts";

export interface PreparedBatch {
  id: string;
  root: Hex;
  leafCount: number;
  /** On-chain ids of the batch's passports, in leaf order (for per-passport events). */
  passportIds: Hex[];
  isNew: boolean;
}

const ANALYZE_AFTER_LEAVES = 1_000;

interface UnanchoredRow {
  id: string;
  public_id: string;
  version: number;
  root: Hex;
}

/** Versions of the tenant in no anchored (or revoked) batch: what the next batch must hold. */
const UNANCHORED = `
  select v.id, p.public_id, v.version, v.root
    from app.passport_version v
    join app.passport p on p.id = v.passport_id
   where v.tenant_id = $1::uuid
     and not exists (select 1 from app.passport_batch_entry e join app.passport_batch b on b.id = e.batch_id
                      where e.version_id = v.id and b.status in ('ANCHORED', 'REVOKED'))
   order by p.public_id, v.version`;

/**
 * Prepares the tenant's next batch: materialises pending versions, takes every unanchored version,
 * builds the batch tree over their roots with the shared passport module and stores every proof.
 * An earlier prepared batch over the same versions is returned as is; one over fewer versions is
 * discarded (it stays recorded, so its root is still recognised if it is anchored after all).
 * Returns undefined when there is nothing to anchor.
 */
export async function preparePassportBatch(db: Database, tenantId: string): Promise<PreparedBatch | undefined> {
  await materialisePassportVersions(db, { tenantId });
  const pool = getSqlPool(db);
  const { rows: versions } = await pool.query<UnanchoredRow>(UNANCHORED, [tenantId]);
  if (versions.length === 0) return undefined;
  const leaves = versions.map((row) => ({
    passportId: passportIdOf(row.public_id),
    version: BigInt(row.version),
    passportRoot: row.root,
  }));
  const batch = buildPassportBatch(leaves);
  const passportIds = leaves.map((leaf) => leaf.passportId);

  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows: existing } = await client.query<{ id: string; status: string }>(
      "select id, status from app.passport_batch where root = $1 for update",
      [batch.root],
    );
    await client.query(
      `update app.passport_batch set status = 'DISCARDED'
        where tenant_id = $1::uuid and status = 'PREPARED' and root <> $2`,
      [tenantId, batch.root],
    );
    const found = existing[0];
    if (found) {
      if (found.status === "DISCARDED") {
        await client.query("update app.passport_batch set status = 'PREPARED' where id = $1", [found.id]);
      }
      await client.query("commit");
      return { id: found.id, root: batch.root, leafCount: leaves.length, passportIds, isNew: false };
    }
    const {
      rows: [created],
    } = await client.query<{ id: string }>(
      "insert into app.passport_batch (tenant_id, root, leaf_count) values ($1::uuid, $2, $3) returning id",
      [tenantId, batch.root, leaves.length],
    );
    // One JSON payload (version id, proof) in leaf order: parsed once by Postgres.
    await client.query(
      `insert into app.passport_batch_entry (batch_id, version_id, leaf_index, proof)
       select $1::uuid, (e.value->>0)::uuid, (e.ordinality - 1)::int, e.value->1
         from jsonb_array_elements($2::jsonb) with ordinality as e`,
      [created!.id, JSON.stringify(versions.map((row, index) => [row.id, batch.proofs[index]]))],
    );
    await client.query("commit");
    // A big batch changes these tables' shape at once; without fresh statistics until autovacuum
    // comes by, the public read's plan scans every batch entry instead of using the index.
    if (leaves.length >= ANALYZE_AFTER_LEAVES) {
      await client.query("analyze app.passport_version, app.passport_batch_entry, app.passport_batch");
    }
    return { id: created!.id, root: batch.root, leafCount: leaves.length, passportIds, isNew: true };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
