import deployments from "@a360/contracts/deployments";
import { findPassportRegistry, organizationIdOf } from "@a360/contracts/passport";
import type { Account, Address, Chain, Hex, PublicClient, Transport, WalletClient } from "viem";
import type { Database } from "../database/Database.ts";
import type { PreparedBatch } from "./preparePassportBatch.ts";
import { syncPassportAnchors } from "./syncPassportAnchors.ts";

const registryAbi = deployments[31337].PassportRegistry.abi;
const ttAbi = deployments[31337].TTToken.abi;

export interface AnchoredBatch {
  transactionHash: Hex;
  blockNumber: bigint;
  gasUsed: bigint;
}

/**
 * Sends PassportRegistry.anchorBatch for a prepared batch from `wallet` (a manufacturer wallet of
 * the tenant): approves the TT fee first when the allowance is short, waits for the receipt, then
 * records the anchoring from the chain. `perPassportEvents` adds one PassportAnchored per passport
 * so anyone can find a passport's later versions on chain without our api.
 */
export async function anchorPreparedBatch(
  db: Database,
  client: PublicClient,
  wallet: WalletClient<Transport, Chain | undefined, Account>,
  batch: PreparedBatch,
  options: { tenantId: string; registry?: Address; perPassportEvents: boolean },
): Promise<AnchoredBatch> {
  const chainId = await client.getChainId();
  const registry = options.registry ?? findPassportRegistry(chainId)?.address;
  if (!registry) throw new Error(`no PassportRegistry is deployed on chain ${chainId}`);
  const account = wallet.account;
  const walletOrganizationId = await client.readContract({
    address: registry,
    abi: registryAbi,
    functionName: "organisationOf",
    args: [account.address],
  });
  if (walletOrganizationId !== organizationIdOf(options.tenantId)) {
    throw new Error(
      `${account.address} is not a manufacturer wallet of organization ${options.tenantId} (registry says ${walletOrganizationId})`,
    );
  }
  const [fee, tt] = await Promise.all([
    client.readContract({ address: registry, abi: registryAbi, functionName: "attestationFee" }),
    client.readContract({ address: registry, abi: registryAbi, functionName: "ttToken" }),
  ]);
  const needed = fee * BigInt(batch.leafCount);
  const allowance = await client.readContract({
    address: tt,
    abi: ttAbi,
    functionName: "allowance",
    args: [account.address, registry],
  });
  if (allowance < needed) {
    const approval = await wallet.writeContract({
      address: tt,
      abi: ttAbi,
      functionName: "approve",
      args: [registry, needed],
      chain: wallet.chain,
    });
    await client.waitForTransactionReceipt({ hash: approval });
  }
  const hash = await wallet.writeContract({
    address: registry,
    abi: registryAbi,
    functionName: "anchorBatch",
    args: [batch.root, batch.leafCount, options.perPassportEvents ? batch.publicIdHashes : []],
    chain: wallet.chain,
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`anchorBatch reverted in ${hash}`);
  await syncPassportAnchors(db, client, { registry });
  return { transactionHash: hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
}
