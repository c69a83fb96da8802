import deployments from "@a360/contracts/deployments";
import { parseEther } from "viem";
import { DEV_ACCOUNTS } from "../devAccounts.ts";
import { createLocalChainClients } from "../localChain.ts";

/** Spreads TT from the deployer to the other dev accounts so the demo has balances and transfers. */
export async function seedChain(rpcUrl: string): Promise<void> {
  const { reader, walletOf } = createLocalChainClients(rpcUrl);
  const wallet = walletOf(DEV_ACCOUNTS[0]);
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
