import type { Config } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { findDeployment } from "../contracts/findDeployment";
import { getRegistryErrorMessage } from "./getRegistryErrorMessage";

/**
 * Revokes an anchored batch from the connected wallet with PassportRegistry.revokeBatch(root).
 * Simulates first, so a wallet the registry would refuse (not a manufacturer, another
 * organisation's, a batch already revoked) is told why before anything is signed. Returns the
 * transaction's hash once it is mined.
 */
export async function revokeBatchWithWallet(
  config: Config,
  chainId: number,
  account: `0x${string}`,
  root: `0x${string}`,
): Promise<`0x${string}`> {
  const registry = findDeployment(chainId, "PassportRegistry");
  if (!registry) throw new Error(`no PassportRegistry on chain ${chainId}`);
  let hash: `0x${string}`;
  try {
    const { request } = await simulateContract(config, {
      address: registry.address,
      abi: registry.abi,
      functionName: "revokeBatch",
      args: [root],
      account,
    });
    hash = await writeContract(config, request);
  } catch (error) {
    throw new Error(getRegistryErrorMessage(error), { cause: error });
  }
  const receipt = await waitForTransactionReceipt(config, { hash });
  if (receipt.status !== "success") throw new Error(`revokeBatch reverted in ${hash}: the batch is not revoked`);
  return hash;
}
