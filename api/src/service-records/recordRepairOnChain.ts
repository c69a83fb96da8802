import deployments from "@a360/contracts/deployments";
import { organizationIdOf, unitIdOf } from "@a360/contracts/passport";
import { sql } from "kysely";
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  maxUint256,
  type PublicClient,
  parseEventLogs,
  parseTransaction,
} from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import type { Database } from "../database/Database.ts";
import { REPAIR_DECISIONS, type RepairDecision } from "../work-orders/completeWorkOrder.ts";
import type { RepairSigners } from "./RepairSigners.ts";

/** Where the repair of one service record stands after a try. */
export type RepairAnchorOutcome = "ANCHORED" | "NOT_ON_CHAIN" | "ALREADY_DONE";

/** The repair is not on chain yet and the job should run again later (the chain is down, the wallet lacks stake, ...). */
export class RepairNotYetRecordedError extends Error {}

export interface RepairChain {
  client: PublicClient;
  rpcUrl: string;
  signers: RepairSigners;
  /** How long to wait for the receipt of a sent transaction before trying again later. */
  receiptTimeoutMs?: number;
}

interface AnchorRow {
  service_record_id: string;
  status: string;
  raw_transaction: string | null;
  transaction_hash: string | null;
  form_hash: string;
  document: { decision: RepairDecision; unit: { publicId: string } };
  provider_wallet: string | null;
  /** The organization that issues the unit's passport (and so minted its unit). */
  passport_tenant_id: string;
}

/**
 * Records the repair of a completed work order on chain through RepairRegistry, with the centre's
 * staked service-provider wallet, exactly once however often it runs:
 * - the transaction is signed and stored (with its hash) before it is sent, so a later run sends
 *   the same transaction again (same nonce) rather than a second repair;
 * - a stored transaction whose nonce the chain used for something else is replaced only after the
 *   provider's RepairRecorded events show no record with this form hash;
 * - runs for one wallet take turns (an advisory lock), so nonces do not collide.
 * Throws RepairNotYetRecordedError while the repair is not on chain; the job queue retries.
 */
export async function recordRepairOnChain(
  db: Database,
  chain: RepairChain,
  serviceRecordId: string,
): Promise<RepairAnchorOutcome> {
  try {
    return await tryRecordRepair(db, chain, serviceRecordId);
  } catch (error) {
    if (error instanceof RepairNotYetRecordedError) {
      await db.prisma.repairAnchor.update({
        where: { serviceRecordId },
        data: { lastError: error.message.slice(0, 2000), attempts: { increment: 1 } },
      });
    }
    throw error;
  }
}

async function tryRecordRepair(
  db: Database,
  chain: RepairChain,
  serviceRecordId: string,
): Promise<RepairAnchorOutcome> {
  const row = await findAnchor(db, serviceRecordId);
  if (!row) throw new Error(`no repair outbox row for service record ${serviceRecordId}`);
  if (row.status === "ANCHORED" || row.status === "NOT_ON_CHAIN") return "ALREADY_DONE";
  const wallet = row.provider_wallet;
  if (!wallet) notYet("the centre has no service-provider wallet in its profile");
  const account = chain.signers.findSigner(wallet);
  if (!account) notYet(`no signing key is configured for the centre's wallet ${wallet}`);

  // A session lock on one connection held for the whole run (it spans chain calls, so not a transaction).
  const key = `repair-signer:${wallet.toLowerCase()}`;
  return db.sql.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext(${key}))`.execute(connection);
    try {
      return await recordLocked(db, chain, account, serviceRecordId);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection);
    }
  });
}

async function recordLocked(
  db: Database,
  chain: RepairChain,
  account: PrivateKeyAccount,
  serviceRecordId: string,
): Promise<RepairAnchorOutcome> {
  const row = (await findAnchor(db, serviceRecordId))!;
  if (row.status === "ANCHORED" || row.status === "NOT_ON_CHAIN") return "ALREADY_DONE";
  const { client } = chain;
  const chainId = await call(() => client.getChainId());
  const contracts = findDeployment(chainId);
  if (!contracts) notYet(`the deployments module has no contracts for chain ${chainId}`);
  const registry = contracts.RepairRegistry;
  const unitId = unitIdOf(organizationIdOf(row.passport_tenant_id), row.document.unit.publicId);

  const isMinted = await call(() =>
    client
      .readContract({
        address: contracts.UnitToken.address,
        abi: contracts.UnitToken.abi,
        functionName: "ownerOf",
        args: [unitId],
      })
      .then(() => true)
      .catch((error: unknown) => {
        if (isRevert(error)) return false;
        throw error;
      }),
  );
  if (!isMinted) {
    await db.prisma.repairAnchor.update({
      where: { serviceRecordId },
      data: {
        status: "NOT_ON_CHAIN",
        unitId: unitId.toString(),
        lastError: "the unit has no token on this chain",
        chainId,
      },
    });
    return "NOT_ON_CHAIN";
  }

  if (row.raw_transaction && row.transaction_hash) {
    const settled = await settleStoredTransaction(db, chain, account, row, chainId);
    if (settled) return settled;
  }

  const existing = await findRecordedRepair(client, registry, account.address, row.form_hash as Hex);
  if (existing) {
    await markAnchored(db, serviceRecordId, { ...existing, chainId });
    return "ANCHORED";
  }

  const fee = await call(() =>
    client.readContract({ address: registry.address, abi: registry.abi, functionName: "repairFee" }),
  );
  const allowance = await call(() =>
    client.readContract({
      address: contracts.TTToken.address,
      abi: contracts.TTToken.abi,
      functionName: "allowance",
      args: [account.address, registry.address],
    }),
  );
  if (allowance < fee) {
    const approval = await signTransaction(chain, account, chainId, {
      to: contracts.TTToken.address,
      data: encodeFunctionData({
        abi: contracts.TTToken.abi,
        functionName: "approve",
        args: [registry.address, maxUint256],
      }),
    });
    await call(() => client.sendRawTransaction({ serializedTransaction: approval }));
    await call(() =>
      client.waitForTransactionReceipt({ hash: keccak256(approval), timeout: chain.receiptTimeoutMs ?? 30_000 }),
    );
  }

  try {
    await client.simulateContract({
      account,
      address: registry.address,
      abi: registry.abi,
      functionName: "recordRepair",
      args: [unitId, row.form_hash as Hex, REPAIR_DECISIONS.indexOf(row.document.decision)],
    });
  } catch (error) {
    if (isRevert(error)) notYet(`RepairRegistry refuses the repair: ${describe(error)}`);
    throw new RepairNotYetRecordedError(`cannot reach the chain: ${describe(error)}`, { cause: error });
  }
  const raw = await signTransaction(chain, account, chainId, {
    to: registry.address,
    data: encodeFunctionData({
      abi: registry.abi,
      functionName: "recordRepair",
      args: [unitId, row.form_hash as Hex, REPAIR_DECISIONS.indexOf(row.document.decision)],
    }),
  });
  const hash = keccak256(raw);
  await db.prisma.repairAnchor.update({
    where: { serviceRecordId },
    data: {
      status: "SUBMITTED",
      rawTransaction: raw,
      transactionHash: hash,
      chainId,
      unitId: unitId.toString(),
      providerWallet: account.address.toLowerCase(),
    },
  });
  const settled = await settleStoredTransaction(
    db,
    chain,
    account,
    { ...row, raw_transaction: raw, transaction_hash: hash },
    chainId,
  );
  if (settled) return settled;
  throw new RepairNotYetRecordedError("the repair transaction is sent and not mined yet");
}

/**
 * Sends the stored transaction again and waits for its receipt. Returns the outcome once it is
 * mined; undefined when its nonce went to another transaction (the row is cleared to sign anew).
 */
async function settleStoredTransaction(
  db: Database,
  chain: RepairChain,
  account: PrivateKeyAccount,
  row: AnchorRow,
  chainId: number,
): Promise<RepairAnchorOutcome | undefined> {
  const { client } = chain;
  const hash = row.transaction_hash as Hex;
  const receipt = await client.getTransactionReceipt({ hash }).catch(() => undefined);
  if (!receipt) {
    const nonce = parseTransaction(row.raw_transaction as Hex).nonce ?? 0;
    const used = await call(() => client.getTransactionCount({ address: account.address, blockTag: "latest" }));
    if (used > nonce) {
      await clearStoredTransaction(db, row.service_record_id, "its nonce went to another transaction");
      return undefined;
    }
    await client.sendRawTransaction({ serializedTransaction: row.raw_transaction as Hex }).catch((error: unknown) => {
      // "already known" and the like: the node has it; the receipt decides.
      if (!(error instanceof BaseError)) throw error;
    });
  }
  const mined =
    receipt ??
    (await call(() => client.waitForTransactionReceipt({ hash, timeout: chain.receiptTimeoutMs ?? 30_000 })));
  if (mined.status !== "success") {
    await clearStoredTransaction(db, row.service_record_id, `transaction ${hash} reverted`);
    return undefined;
  }
  const registry = findDeployment(chainId)!.RepairRegistry;
  const [event] = parseEventLogs({ abi: registry.abi, logs: mined.logs, eventName: "RepairRecorded" });
  if (!event) throw new Error(`transaction ${hash} was mined without a RepairRecorded event`);
  await markAnchored(db, row.service_record_id, {
    repairId: event.args.repairId,
    blockNumber: mined.blockNumber,
    transactionHash: hash,
    chainId,
  });
  return "ANCHORED";
}

async function findRecordedRepair(
  client: PublicClient,
  registry: Deployment["RepairRegistry"],
  provider: Address,
  formHash: Hex,
) {
  const logs = await call(() =>
    client.getContractEvents({
      address: registry.address,
      abi: registry.abi,
      eventName: "RepairRecorded",
      args: { provider },
      fromBlock: 0n,
    }),
  );
  const log = logs.find((entry) => entry.args.formHash?.toLowerCase() === formHash.toLowerCase());
  if (!log || log.args.repairId === undefined) return undefined;
  return { repairId: log.args.repairId, blockNumber: log.blockNumber, transactionHash: log.transactionHash };
}

async function signTransaction(
  chain: RepairChain,
  account: PrivateKeyAccount,
  chainId: number,
  transaction: { to: Address; data: Hex },
): Promise<Hex> {
  const wallet = createWalletClient({
    account,
    chain: {
      id: chainId,
      name: `chain ${chainId}`,
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [chain.rpcUrl] } },
    },
    transport: http(chain.rpcUrl, { retryCount: 0, timeout: 10_000 }),
  });
  const nonce = await call(() => chain.client.getTransactionCount({ address: account.address, blockTag: "pending" }));
  const request = await call(() => wallet.prepareTransactionRequest({ ...transaction, nonce }));
  return call(() => wallet.signTransaction(request));
}

type Deployment = (typeof deployments)[31337];

function findDeployment(chainId: number): Deployment | undefined {
  return (deployments as Record<number, Deployment | undefined>)[chainId];
}

async function markAnchored(
  db: Database,
  serviceRecordId: string,
  repair: { repairId: bigint; blockNumber: bigint; transactionHash: Hex; chainId: number },
) {
  await db.prisma.repairAnchor.update({
    where: { serviceRecordId },
    data: {
      status: "ANCHORED",
      repairId: repair.repairId.toString(),
      blockNumber: repair.blockNumber,
      transactionHash: repair.transactionHash,
      chainId: repair.chainId,
      lastError: null,
      anchoredAt: new Date(),
    },
  });
}

async function clearStoredTransaction(db: Database, serviceRecordId: string, reason: string) {
  await db.prisma.repairAnchor.update({
    where: { serviceRecordId },
    data: { status: "PENDING", rawTransaction: null, transactionHash: null, lastError: reason },
  });
}

function notYet(reason: string): never {
  throw new RepairNotYetRecordedError(reason);
}

async function findAnchor(db: Database, serviceRecordId: string): Promise<AnchorRow | undefined> {
  const row = await db.sql
    .selectFrom("repair_anchor as a")
    .innerJoin("service_record as s", "s.id", "a.service_record_id")
    .leftJoin("service_centre_profile as p", "p.organization_id", "s.tenant_id")
    .innerJoin("passport as unit_passport", "unit_passport.id", "s.passport_id")
    .select([
      "a.service_record_id",
      "a.status",
      "a.raw_transaction",
      "a.transaction_hash",
      "s.form_hash",
      "s.document",
      "p.provider_wallet",
      "unit_passport.tenant_id as passport_tenant_id",
    ])
    .where("a.service_record_id", "=", serviceRecordId)
    .executeTakeFirst();
  return row && { ...row, document: row.document as AnchorRow["document"] };
}

function isRevert(error: unknown): boolean {
  return error instanceof BaseError && error.walk((cause) => cause instanceof ContractFunctionRevertedError) !== null;
}

function describe(error: unknown): string {
  return error instanceof BaseError ? error.shortMessage : String(error);
}

/** A chain call; a failure to reach the chain becomes "try again later". */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RepairNotYetRecordedError) throw error;
    throw new RepairNotYetRecordedError(`the chain is not reachable: ${describe(error)}`, { cause: error });
  }
}
