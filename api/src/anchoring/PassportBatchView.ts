import { organizationIdOf, publicIdHashOf } from "@a360/contracts/passport";
import { z } from "@hono/zod-openapi";
import type { Selectable } from "kysely";
import type { Database, Tables } from "../database/Database.ts";

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
        organizationId: z
          .string()
          .openapi({ description: "The organization's on-chain id (bytes32) a manufacturer wallet must hold" }),
        functionName: z.literal("anchorBatch"),
        root: z.string(),
        leafCount: z.number().int(),
        publicIdHashes: z.array(z.string()).openapi({
          description:
            "One keccak256(publicId) per leaf: the registry derives each passport id from them and the organisation for its per-passport PassportAnchored events",
        }),
      })
      .optional(),
  })
  .openapi("PassportBatch");

export type PassportBatchView = z.infer<typeof PassportBatchSchema>;

const BATCH_COLUMNS = [
  "id",
  "root",
  "leaf_count",
  "status",
  "prepared_at",
  "chain_id",
  "registry_address",
  "block_number",
  "block_hash",
  "transaction_hash",
  "log_index",
  "attester",
  "anchored_at",
  "revoked_at",
  "revocation_block_number",
  "revocation_transaction_hash",
] as const satisfies ReadonlyArray<keyof Tables["passport_batch"]>;

type BatchRow = Pick<Selectable<Tables["passport_batch"]>, (typeof BATCH_COLUMNS)[number]>;

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
  const rows = await db.sql
    .selectFrom("passport_batch")
    .select(BATCH_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .orderBy("prepared_at", "desc")
    .limit(100)
    .execute();
  return rows.map(toView);
}

/** One batch of the tenant with the anchorBatch call that anchors it (public id hashes in leaf order). */
export async function findPassportBatch(
  db: Database,
  tenantId: string,
  batchId: string,
  target: { chainId: number | null; registry: string | null },
): Promise<PassportBatchView | undefined> {
  const row = await db.sql
    .selectFrom("passport_batch")
    .select(BATCH_COLUMNS)
    .where("id", "=", batchId)
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (!row) return undefined;
  const leaves = await db.sql
    .selectFrom("passport_batch_entry as e")
    .innerJoin("passport_version as v", "v.id", "e.version_id")
    .innerJoin("passport as p", "p.id", "v.passport_id")
    .select("p.public_id")
    .where("e.batch_id", "=", batchId)
    .orderBy("e.leaf_index")
    .execute();
  return {
    ...toView(row),
    anchorCall: {
      chainId: target.chainId,
      registry: target.registry,
      organizationId: organizationIdOf(tenantId),
      functionName: "anchorBatch",
      root: row.root,
      leafCount: row.leaf_count,
      publicIdHashes: leaves.map((leaf) => publicIdHashOf(leaf.public_id)),
    },
  };
}
