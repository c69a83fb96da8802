/**
 * How a local dev chain's (Hardhat, chain 31337) RPC endpoint is given to Ponder; the indexer and
 * the benchmark's bare app both use it, so both fetch alike.
 *
 * Ponder's adaptive limiter starts every listed endpoint at 20 requests/s and raises that only after
 * ten seconds of saturated traffic, so a single listing caps a backfill at 20 requests/s although
 * the local node has no limit. Each listing is its own limiter bucket: 64 of them allow 1,280
 * requests/s, more than the node serves (≈ 300 full blocks/s on the 2-core machine), so the node
 * and Ponder's own processing are the bound, not the limiter.
 */
export const DEV_CHAIN_RPC_BUCKETS = 64;

export function devChainRpc(url: string): string[] {
  return Array.from({ length: DEV_CHAIN_RPC_BUCKETS }, () => url);
}
