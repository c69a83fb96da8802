import deployments from "@a360/contracts/deployments";
import { createPublicClient, createWalletClient, http, parseEther } from "viem";
import { hardhat } from "viem/chains";
import { DEV_ACCOUNTS } from "../devAccounts.ts";

/** Spreads TT from the deployer to the other dev accounts so the demo has balances and transfers. */
export async function seedChain(rpcUrl: string): Promise<void> {
  const chain = { ...hardhat, rpcUrls: { default: { http: [rpcUrl] } } };
  const wallet = createWalletClient({ chain, transport: http(rpcUrl), account: DEV_ACCOUNTS[0] });
  const reader = createPublicClient({ chain, transport: http(rpcUrl) });
  const { address, abi } = deployments[31337].TTToken;

  for (const [index, to] of DEV_ACCOUNTS.slice(1).entries()) {
    const hash = await wallet.writeContract({
      address,
      abi,
      functionName: "transfer",
      args: [to, parseEther(String(10_000 * (index + 1)))],
    });
    await reader.waitForTransactionReceipt({ hash });
  }
}
