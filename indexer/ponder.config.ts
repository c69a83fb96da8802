/**
 * Every A360 contract of one chain, with addresses, ABIs and start blocks from the generated
 * deployments module. `CHAIN_ID` picks the deployment (default 31337, the local Hardhat node),
 * `CHAIN_RPC_URL` its RPC endpoint.
 */
import deployments from "@a360/contracts/deployments";
import { createConfig } from "ponder";
import { devChainRpc } from "./devChainRpc";

type ChainId = keyof typeof deployments;
type Deployment = (typeof deployments)[ChainId];
type ContractName = keyof Deployment;

const chainId = (process.env.CHAIN_ID ?? "31337") as ChainId;
const deployment = deployments[chainId];
if (deployment === undefined) {
  throw new Error(`CHAIN_ID=${chainId} has no deployment in @a360/contracts/deployments`);
}
const isDevChain = chainId === "31337";
const rpcUrl = process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545";

// The explicit return type keeps each contract's own ABI type (property access on a generic would widen it).
function contractOf<Name extends ContractName>(
  name: Name,
): { chain: "a360"; abi: Deployment[Name]["abi"]; address: Deployment[Name]["address"]; startBlock: number } {
  const { abi, address, deployedOnBlock } = deployment[name];
  return { chain: "a360", abi, address, startBlock: deployedOnBlock };
}

export default createConfig({
  database: { kind: "postgres", connectionString: process.env.DATABASE_URL },
  chains: {
    a360: {
      id: Number(chainId),
      rpc: isDevChain ? devChainRpc(rpcUrl) : rpcUrl,
      // A dev chain restarts from genesis; cached RPC responses from an earlier chain would lie.
      // The benchmark, whose chain lives for one run, turns the cache back on (INDEXER_RPC_CACHE).
      disableCache: isDevChain && process.env.INDEXER_RPC_CACHE !== "true",
      pollingInterval: isDevChain ? 250 : 1_000,
    },
  },
  contracts: {
    TTToken: contractOf("TTToken"),
    DevStableToken: contractOf("DevStableToken"),
    Staking: contractOf("Staking"),
    FeeRouter: contractOf("FeeRouter"),
    PriceOracle: contractOf("PriceOracle"),
    PassportRegistry: contractOf("PassportRegistry"),
    UnitToken: contractOf("UnitToken"),
    RepairRegistry: contractOf("RepairRegistry"),
    Marketplace: contractOf("Marketplace"),
    LeaseManager: contractOf("LeaseManager"),
  },
});
