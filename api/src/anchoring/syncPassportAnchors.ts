/**
 * Records what the chain says about the api's passport batches, read straight from the chain with
 * viem (the chain mirror has no log index or block hash for batches yet). A fresh chain (the block
 * at the cursor has another hash, or the registry has no code) clears every anchor the api holds for
 * that registry first: no off-chain record may claim what the chain does not hold.
 */

import deployments from "@a360/contracts/deployments";
import { findPassportRegistry, organizationIdOf } from "@a360/contracts/passport";
import { sql } from "kysely";
import type { Address, Hex, PublicClient } from "viem";
import type { PassportBatchStatus } from "../../generated/prisma/enums.ts";
import type { Database } from "../database/Database.ts";

const registryAbi = deployments[31337].PassportRegistry.abi;

export interface AnchorSyncResult {
  chainId: number;
  registry: Address;
  anchored: number;
  revoked: number;
  /** True when the api's anchors of this registry were cleared because the chain is not the one they were read from. */
  wasReset: boolean;
  toBlock: bigint;
}

export async function syncPassportAnchors(
  db: Database,
  client: PublicClient,
  options: { registry?: Address; fromBlock?: bigint } = {},
): Promise<AnchorSyncResult> {
  const chainId = await client.getChainId();
  const known = findPassportRegistry(chainId);
  const registry = (options.registry ?? known?.address)?.toLowerCase() as Address | undefined;
  if (!registry) throw new Error(`no PassportRegistry is deployed on chain ${chainId}`);
  const startBlock = options.fromBlock ?? known?.deployedOnBlock ?? 0n;

  const cursor = await db.sql
    .selectFrom("passport_anchor_cursor")
    .select(["chain_id", "last_block", "last_block_hash"])
    .where("registry_address", "=", registry)
    .executeTakeFirst();
  let fromBlock = startBlock;
  let wasReset = false;
  const hasCode = ((await client.getCode({ address: registry })) ?? "0x") !== "0x";
  const isSameChain =
    hasCode &&
    cursor !== undefined &&
    cursor.chain_id === chainId &&
    (await client
      .getBlock({ blockNumber: BigInt(cursor.last_block) })
      .then((block) => block.hash === cursor.last_block_hash)
      .catch(() => false));
  if (cursor && isSameChain) fromBlock = BigInt(cursor.last_block) + 1n;
  else wasReset = await clearAnchors(db, registry, chainId, cursor !== undefined || !hasCode);

  const result: AnchorSyncResult = { chainId, registry, anchored: 0, revoked: 0, wasReset, toBlock: fromBlock - 1n };
  if (!hasCode) return result;
  const head = await client.getBlock({ blockTag: "latest" });
  if (head.number < fromBlock) return { ...result, toBlock: head.number };
  const contract = { address: registry, abi: registryAbi, fromBlock, toBlock: head.number } as const;
  const [anchoredLogs, revokedLogs] = await Promise.all([
    client.getContractEvents({ ...contract, eventName: "PassportBatchAnchored" }),
    client.getContractEvents({ ...contract, eventName: "PassportBatchRevoked" }),
  ]);
  const blockTimes = new Map<bigint, Date>();
  const timeOf = async (blockNumber: bigint) => {
    let time = blockTimes.get(blockNumber);
    if (!time) {
      time = new Date(Number((await client.getBlock({ blockNumber })).timestamp) * 1000);
      blockTimes.set(blockNumber, time);
    }
    return time;
  };

  for (const log of anchoredLogs) {
    const root = log.args.root as Hex;
    const batch = await db.sql
      .selectFrom("passport_batch")
      .select(["id", "tenant_id"])
      .where("root", "=", root)
      .executeTakeFirst();
    // A root anchored by another organization's wallet is not this tenant's anchoring.
    if (!batch || organizationIdOf(batch.tenant_id) !== log.args.organisationId) continue;
    const anchoredAt = await timeOf(log.blockNumber);
    await db.sql
      .updateTable("passport_batch")
      .set({
        // A batch revoked in an earlier block of this range stays revoked.
        status: sql<PassportBatchStatus>`case when status = 'REVOKED' then status else 'ANCHORED' end`,
        chain_id: chainId,
        registry_address: registry,
        block_number: log.blockNumber.toString(),
        block_hash: log.blockHash,
        transaction_hash: log.transactionHash,
        log_index: log.logIndex,
        attester: (log.args.attester as string).toLowerCase(),
        anchored_at: anchoredAt,
      })
      .where("id", "=", batch.id)
      .execute();
    result.anchored += 1;
  }
  for (const log of revokedLogs) {
    const revokedAt = await timeOf(log.blockNumber);
    const updated = await db.sql
      .updateTable("passport_batch")
      .set({
        status: "REVOKED",
        revoked_at: revokedAt,
        revocation_block_number: log.blockNumber.toString(),
        revocation_transaction_hash: log.transactionHash,
      })
      .where("root", "=", log.args.root as Hex)
      .where("registry_address", "=", registry)
      .where("status", "=", "ANCHORED")
      .executeTakeFirst();
    result.revoked += Number(updated.numUpdatedRows);
  }
  const position = { chain_id: chainId, last_block: head.number.toString(), last_block_hash: head.hash };
  await db.sql
    .insertInto("passport_anchor_cursor")
    .values({ registry_address: registry, ...position })
    .onConflict((conflict) => conflict.column("registry_address").doUpdateSet({ ...position, updated_at: new Date() }))
    .execute();
  return { ...result, toBlock: head.number };
}

/** Forgets every anchor recorded for `registry` on `chainId`; the batches are prepared again. */
async function clearAnchors(db: Database, registry: Address, chainId: number, isStale: boolean): Promise<boolean> {
  if (!isStale) return false;
  const cleared = await db.sql
    .updateTable("passport_batch")
    .set({
      status: "PREPARED",
      chain_id: null,
      registry_address: null,
      block_number: null,
      block_hash: null,
      transaction_hash: null,
      log_index: null,
      attester: null,
      anchored_at: null,
      revoked_at: null,
      revocation_block_number: null,
      revocation_transaction_hash: null,
    })
    .where("registry_address", "=", registry)
    .where("chain_id", "=", chainId)
    .executeTakeFirst();
  await db.sql.deleteFrom("passport_anchor_cursor").where("registry_address", "=", registry).execute();
  return cleared.numUpdatedRows > 0n;
}
