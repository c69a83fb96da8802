import type { Config } from "wagmi";
import { readContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { findDeployment } from "../contracts/findDeployment";
import type { PassportBatch } from "./anchoringApi";

/**
 * Anchors a prepared batch from the connected wallet: approves the TT fee when the allowance is
 * short, then PassportRegistry.anchorBatch(root, leafCount, publicIdHashes) with per-passport events.
 * Returns the anchoring transaction's hash once it is mined.
 */
export async function anchorBatchWithWallet(
  config: Config,
  chainId: number,
  account: `0x${string}`,
  batch: PassportBatch,
) {
  const registry = findDeployment(chainId, "PassportRegistry");
  const token = findDeployment(chainId, "TTToken");
  if (!registry || !token) throw new Error(`no PassportRegistry on chain ${chainId}`);
  const registryContract = { address: registry.address, abi: registry.abi } as const;
  const tokenContract = { address: token.address, abi: token.abi } as const;
  const walletOrganizationId = await readContract(config, {
    ...registryContract,
    functionName: "organisationOf",
    args: [account],
  });
  if (walletOrganizationId !== batch.anchorCall?.organizationId) {
    throw new Error(
      "this wallet is not a manufacturer wallet of the organization (ask the registry admin to grant it)",
    );
  }
  const fee = await readContract(config, { ...registryContract, functionName: "attestationFee" });
  const needed = fee * BigInt(batch.leafCount);
  const allowance = await readContract(config, {
    ...tokenContract,
    functionName: "allowance",
    args: [account, registry.address],
  });
  if (allowance < needed) {
    const approval = await writeContract(config, {
      ...tokenContract,
      functionName: "approve",
      args: [registry.address, needed],
    });
    await waitForTransactionReceipt(config, { hash: approval });
  }
  const hash = await writeContract(config, {
    ...registryContract,
    functionName: "anchorBatch",
    args: [batch.root, batch.leafCount, batch.anchorCall?.publicIdHashes ?? []],
  });
  const receipt = await waitForTransactionReceipt(config, { hash });
  if (receipt.status !== "success") throw new Error(`anchorBatch reverted in ${hash}`);
  return hash;
}
