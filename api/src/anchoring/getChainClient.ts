import { type Address, createPublicClient, http, type PublicClient } from "viem";
import type { ApiConfig } from "../config.ts";

const clients = new Map<string, PublicClient>();

/** One viem client per RPC url: the api reads passport anchors straight from the chain with it. */
export function getChainClient(config: Pick<ApiConfig, "CHAIN_RPC_URL">): PublicClient {
  let client = clients.get(config.CHAIN_RPC_URL);
  if (!client) {
    client = createPublicClient({ transport: http(config.CHAIN_RPC_URL, { retryCount: 0, timeout: 5_000 }) });
    clients.set(config.CHAIN_RPC_URL, client);
  }
  return client;
}

export function getRegistryOverride(config: Pick<ApiConfig, "PASSPORT_REGISTRY_ADDRESS">): { registry?: Address } {
  return config.PASSPORT_REGISTRY_ADDRESS ? { registry: config.PASSPORT_REGISTRY_ADDRESS as Address } : {};
}
