import { createPublicClient, http, type PublicClient } from "viem";
import { localChain } from "../wallet/wagmiConfig";

const sepoliaRpcUrl = process.env.NEXT_PUBLIC_SEPOLIA_RPC_URL || undefined;

/**
 * A viem client straight to the chain the disclosure names, through this site's configured RPC
 * endpoints (never through our api). Undefined when we know no endpoint for that chain.
 */
export function findChainClient(chainId: number): PublicClient | undefined {
  const url =
    chainId === localChain.id ? localChain.rpcUrls.default.http[0] : chainId === 11155111 ? sepoliaRpcUrl : undefined;
  return url ? createPublicClient({ transport: http(url, { retryCount: 1, timeout: 8_000 }) }) : undefined;
}
