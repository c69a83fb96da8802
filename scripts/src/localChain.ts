import { type Account, type Address, createPublicClient, createTestClient, createWalletClient, http } from "viem";
import { hardhat } from "viem/chains";

/** The local Hardhat chain (id 31337) at `rpcUrl`, as viem describes a chain. */
export function getLocalChain(rpcUrl: string) {
  return { ...hardhat, rpcUrls: { default: { http: [rpcUrl] } } };
}

/**
 * The viem clients for a local Hardhat node, made in one place: a reader, Hardhat's test actions
 * (mining, time, impersonation) and a wallet for any account (dev accounts: @a360/scripts/dev-accounts).
 */
export function createLocalChainClients(rpcUrl: string, options: { pollingInterval?: number } = {}) {
  const chain = getLocalChain(rpcUrl);
  const transport = http(rpcUrl);
  return {
    chain,
    reader: createPublicClient({ chain, transport, ...options }),
    tester: createTestClient({ chain, mode: "hardhat", transport, ...options }),
    walletOf: <A extends Account | Address>(account: A) =>
      createWalletClient({ chain, transport, account, ...options }),
  };
}
