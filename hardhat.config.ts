import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// Hardhat cannot download compilers on these machines; the npm `solc` package is run as solcjs.
const solc = {
  version: require("solc/package.json").version as string,
  path: require.resolve("solc/soljson.js"),
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
};

const chainPort = process.env.CHAIN_PORT ?? "8545";

export default defineConfig({
  plugins: [hardhatToolboxViem],
  paths: {
    sources: "contracts/src",
    tests: { solidity: "contracts/test", nodejs: "contracts/test" },
    artifacts: "contracts/artifacts",
    cache: "contracts/cache",
    ignition: "contracts/ignition",
  },
  solidity: { profiles: { default: solc, production: solc } },
  // Invariant sequences drive the whole protocol; 128 runs of 64 calls keep `hardhat test` around a minute.
  test: { solidity: { fuzz: { runs: 256 }, invariant: { runs: 128, depth: 64 } } },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: `http://127.0.0.1:${chainPort}` },
    // The local node with its key from a configuration variable, the way a testnet gets one:
    // `LOCALHOST_PRIVATE_KEY=0x… pnpm anchor --network localhostKeyed` (the anchor CLI's test uses a dev key).
    localhostKeyed: {
      type: "http",
      chainType: "l1",
      url: `http://127.0.0.1:${chainPort}`,
      accounts: [configVariable("LOCALHOST_PRIVATE_KEY")],
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
});
