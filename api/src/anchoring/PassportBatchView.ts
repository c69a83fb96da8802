import { organisationIdOf, passportIdOf } from "@a360/contracts/passport";
import { z } from "@hono/zod-openapi";
import { type Database, getSqlPool } from "../database/prisma.ts";

export const PassportBatchSchema = z
  .object({
    id: z.string().uuid(),
    root: z.string(),
    leafCount: z.number().int(),
    status: z.enum(["PREPARED", "ANCHORED", "REVOKED", "DISCARDED"]),
    preparedAt: z.string(),
    anchoring: z
      .object({
        chainId: z.number().int(),
        registry: z.string(),
        blockNumber: z.string(),
        blockHash: z.string(),
        transactionHash: z.string(),
        logIndex: z.number().int(),
        attester: z.string(),
        anchoredAt: z.string(),
        revokedAt: z.string().nullable(),
      })
      .nullable(),
    revocation: z
      .object({
        blockNumber: z.string(),
        transactionHash: z.string(),
        revokedAt: z.string(),
      })
      .nullable()
      .openapi({ description: "Where PassportRegistry.revokeBatch was mined; null while the batch is not revoked" }),
    anchorCall: z
      .object({
        chainId: z.number().int().nullable(),
        registry: z.string().nullable(),
        organisationId: z.string().openapi({ description: "The organisation id a manufacturer wallet must hold" }),
        functionName: z.literal("anchorBatch"),
        root: z.string(),
        leafCount: z.number().int(),
        passportIds: z.array(z.string()).openapi({ description: "One per leaf: per-passport PassportAnchored events" }),
      })
      .optional(),
  })
  .openapi("PassportBatch");

export type PassportBatchView = z.infer<typeof PassportBatchSchema>;

interface BatchRow {
  id: string;
  tenant_id: string;
  root: string;
  leaf_count: number;
  status: PassportBatchView["status"];
  prepared_at: Date;
  chain_id: number | null;
  registry_address: string | null;
  block_number: string | null;
  block_hash: string | null;
  transaction_hash: string | null;
  log_index: number | null;
  attester: string | null;
  anchored_at: Date | null;
  revoked_at: Date | null;
  revocation_block_number: string | null;
  revocation_transaction_hash: string | null;
}

const COLUMNS = `id, tenant_id, root, leaf_count, status::text as status, prepared_at, chain_id, registry_address,
  block_number::text as block_number, block_hash, transaction_hash, log_index, attester, anchored_at, revoked_at,
  revocation_block_number::text as revocation_block_number, revocation_transaction_hash`;

function toView(row: BatchRow): PassportBatchView {
  return {
    id: row.id,
    root: row.root,
    leafCount: row.leaf_count,
    status: row.status,
    preparedAt: row.prepared_at.toISOString(),
    anchoring:
      row.chain_id !== null && row.anchored_at !== null
        ? {
            chainId: row.chain_id,
            registry: row.registry_address ?? "",
            blockNumber: row.block_number ?? "",
            blockHash: row.block_hash ?? "",
            transactionHash: row.transaction_hash ?? "",
            logIndex: row.log_index ?? 0,
            attester: row.attester ?? "",
            anchoredAt: row.anchored_at.toISOString(),
            revokedAt: row.revoked_at?.toISOString() ?? null,
          }
        : null,
    revocation:
      row.revoked_at !== null && row.revocation_block_number !== null && row.revocation_transaction_hash !== null
        ? {
            blockNumber: row.revocation_block_number,
            transactionHash: row.revocation_transaction_hash,
            revokedAt: row.revoked_at.toISOString(),
          }
        : null,
  };
}

export async function listPassportBatches(db: Database, tenantId: string): Promise<PassportBatchView[]> {
  const { rows } = await getSqlPool(db).query<BatchRow>(
    `select ${COLUMNS} from app.passport_batch where tenant_id = $1::uuid order by prepared_at desc limit 100`,
    [tenantId],
  );
  return rows.map(toView);
}

/** One batch of the tenant with the anchorBatch call that anchors it (passport ids in leaf order). */
export async function findPassportBatch(
  db: Database,
  tenantId: string,
  batchId: string,
  target: { chainId: number | null; registry: string | null },
): Promise<PassportBatchView | undefined> {
  const pool = getSqlPool(db);
  const { rows } = await pool.query<BatchRow>(
    `select ${COLUMNS} from app.passport_batch where id = $1::uuid and tenant_id = $2::uuid`,
    [batchId, tenantId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { rows: leaves } = await pool.query<{ public_id: string }>(
    `select p.public_id from app.passport_batch_entry e
       join app.passport_version v on v.id = e.version_id
       join app.passport p on p.id = v.passport_id
      where e.batch_id = $1::uuid order by e.leaf_index`,
    [batchId],
  );
  return {
    ...toView(row),
    anchorCall: {
      chainId: target.chainId,
      registry: target.registry,
      organisationId: organisationIdOf(tenantId),
      functionName: "anchorBatch",
      root: row.root,
      leafCount: row.leaf_count,
      passportIds: leaves.map((leaf) => passportIdOf(leaf.public_id)),
    },
  };
}
