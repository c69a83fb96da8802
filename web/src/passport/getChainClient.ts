import { createPublicClient, http, type PublicClient } from "viem";
import { hardhat, sepolia } from "viem/chains";
import { getLocalChainRpcUrl } from "../wallet/chainRpcUrl";

const sepoliaRpcUrl = process.env.NEXT_PUBLIC_SEPOLIA_RPC_URL || undefined;

/**
 * A viem client straight to the chain the disclosure names, through this site's configured RPC
 * endpoints (never through our api). Undefined when we know no endpoint for that chain. No wallet
 * code: the public passport page loads viem alone.
 */
export function findChainClient(chainId: number): PublicClient | undefined {
  const url = chainId === hardhat.id ? getLocalChainRpcUrl() : chainId === sepolia.id ? sepoliaRpcUrl : undefined;
  return url ? createPublicClient({ transport: http(url, { retryCount: 1, timeout: 8_000 }) }) : undefined;
}
