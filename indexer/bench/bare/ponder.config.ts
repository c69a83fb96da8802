/**
 * The benchmark's baseline: the same contracts, chain and RPC cache as the indexer, with one
 * handler that writes one row per event into one table.
 */
import deployments from "@a360/contracts/deployments";
import { createConfig } from "ponder";
import { devChainRpc } from "../../devChainRpc";

const deployment = deployments["31337"];

export default createConfig({
  database: { kind: "postgres", connectionString: process.env.DATABASE_URL },
  chains: {
    a360: {
      id: 31337,
      // The indexer's listing of the local endpoint, so that both apps fetch alike.
      rpc: devChainRpc(process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545"),
      disableCache: process.env.INDEXER_RPC_CACHE !== "true",
      pollingInterval: 250,
    },
  },
  contracts: Object.fromEntries(
    Object.entries(deployment).map(([name, contract]) => [
      name,
      { chain: "a360", abi: contract.abi, address: contract.address, startBlock: contract.deployedOnBlock },
    ]),
  ),
});
