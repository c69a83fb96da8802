import deployments from "@a360/contracts/deployments";
import { createConfig } from "ponder";

const local = deployments[31337];

export default createConfig({
  database: { kind: "postgres", connectionString: process.env.DATABASE_URL },
  chains: {
    hardhat: {
      id: 31337,
      rpc: process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545",
      // A dev chain restarts from genesis; cached RPC responses from an earlier chain would lie.
      disableCache: true,
      pollingInterval: 250,
    },
  },
  contracts: {
    TTToken: {
      chain: "hardhat",
      abi: local.TTToken.abi,
      address: local.TTToken.address,
      startBlock: local.TTToken.deployedOnBlock,
    },
  },
});
