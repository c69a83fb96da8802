import deployments from "@a360/contracts/deployments";
import { createPublicClient, createWalletClient, http, parseEther } from "viem";
import { hardhat } from "viem/chains";

/** Hardhat node's well-known unlocked dev accounts #0..#4. Account #0 deploys. */
export const DEV_ACCOUNTS = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
] as const;

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
