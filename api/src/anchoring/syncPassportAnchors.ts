/**
 * Records what the chain says about the api's passport batches, read straight from the chain with
 * viem (the chain mirror has no log index or block hash for batches yet). A fresh chain (the block
 * at the cursor has another hash, or the registry has no code) clears every anchor the api holds for
 * that registry first: no off-chain record may claim what the chain does not hold.
 */

import deployments from "@a360/contracts/deployments";
import { findPassportRegistry, organisationIdOf } from "@a360/contracts/passport";
import type { Address, Hex, PublicClient } from "viem";
import { type Database, getSqlPool } from "../database/prisma.ts";

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
  const pool = getSqlPool(db);
  const chainId = await client.getChainId();
  const known = findPassportRegistry(chainId);
  const registry = (options.registry ?? known?.address)?.toLowerCase() as Address | undefined;
  if (!registry) throw new Error(`no PassportRegistry is deployed on chain ${chainId}`);
  const startBlock = options.fromBlock ?? known?.deployedOnBlock ?? 0n;

  const { rows: cursors } = await pool.query<{ chain_id: number; last_block: string; last_block_hash: string }>(
    "select chain_id, last_block::text, last_block_hash from app.passport_anchor_cursor where registry_address = $1",
    [registry],
  );
  const cursor = cursors[0];
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
    const { rows } = await pool.query<{ id: string; tenant_id: string }>(
      "select id, tenant_id from app.passport_batch where root = $1",
      [root],
    );
    const batch = rows[0];
    // A root anchored by another organisation's wallet is not this tenant's anchoring.
    if (!batch || organisationIdOf(batch.tenant_id) !== log.args.organisationId) continue;
    await pool.query(
      `update app.passport_batch
          set status = case when status = 'REVOKED' then status else 'ANCHORED' end,
              chain_id = $2, registry_address = $3, block_number = $4, block_hash = $5, transaction_hash = $6,
              log_index = $7, attester = $8, anchored_at = $9
        where id = $1`,
      [
        batch.id,
        chainId,
        registry,
        log.blockNumber.toString(),
        log.blockHash,
        log.transactionHash,
        log.logIndex,
        (log.args.attester as string).toLowerCase(),
        await timeOf(log.blockNumber),
      ],
    );
    result.anchored += 1;
  }
  for (const log of revokedLogs) {
    const updated = await pool.query(
      `update app.passport_batch
          set status = 'REVOKED', revoked_at = $2, revocation_block_number = $4, revocation_transaction_hash = $5
        where root = $1 and registry_address = $3 and status = 'ANCHORED'`,
      [log.args.root, await timeOf(log.blockNumber), registry, log.blockNumber.toString(), log.transactionHash],
    );
    result.revoked += updated.rowCount ?? 0;
  }
  await pool.query(
    `insert into app.passport_anchor_cursor (registry_address, chain_id, last_block, last_block_hash)
     values ($1, $2, $3, $4)
     on conflict (registry_address) do update
       set chain_id = excluded.chain_id, last_block = excluded.last_block, last_block_hash = excluded.last_block_hash,
           updated_at = now()`,
    [registry, chainId, head.number.toString(), head.hash],
  );
  return { ...result, toBlock: head.number };
}

/** Forgets every anchor recorded for `registry` on `chainId`; the batches are prepared again. */
async function clearAnchors(db: Database, registry: Address, chainId: number, isStale: boolean): Promise<boolean> {
  if (!isStale) return false;
  const pool = getSqlPool(db);
  const cleared = await pool.query(
    `update app.passport_batch
        set status = 'PREPARED', chain_id = null, registry_address = null, block_number = null, block_hash = null,
            transaction_hash = null, log_index = null, attester = null, anchored_at = null, revoked_at = null,
            revocation_block_number = null, revocation_transaction_hash = null
      where registry_address = $1 and chain_id = $2`,
    [registry, chainId],
  );
  await pool.query("delete from app.passport_anchor_cursor where registry_address = $1", [registry]);
  return (cleared.rowCount ?? 0) > 0;
}
