/**
 * The local chain's JSON-RPC endpoint as the browser reaches it. With NEXT_PUBLIC_CHAIN_RPC_URL set at
 * build, that endpoint; otherwise this site's own `/rpc`, which src/proxy.ts forwards (read methods only)
 * to CHAIN_RPC_URL when the server runs. So one build serves any chain, and the browser talks to one origin.
 */
export function getLocalChainRpcUrl(): string {
  const configured = process.env.NEXT_PUBLIC_CHAIN_RPC_URL;
  if (configured) return configured;
  return typeof window === "undefined" ? "http://127.0.0.1:8545" : `${window.location.origin}/rpc`;
}
