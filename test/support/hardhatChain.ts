import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import deployments from "@a360/contracts/deployments";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import { findFreePort } from "@a360/scripts/ports";
import { isRpcUp, repositoryRoot, ServiceProcess, waitFor } from "@a360/scripts/stack";
import type { PublicClient, TestClient } from "viem";

export interface HardhatChain {
  rpcUrl: string;
  reader: PublicClient;
  tester: TestClient<"hardhat">;
  /** Mines `count` blocks, one call each: `hardhat_mine` with a count leaves zero parent hashes. */
  mine(count?: number): Promise<void>;
  /** Moves the clock forward and mines one block at the new time. */
  increaseTime(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh Hardhat node on a free port. */
export async function startHardhatChain(log: (line: string) => void = () => {}): Promise<HardhatChain> {
  const port = await findFreePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const node = new ServiceProcess(
    "chain",
    "pnpm",
    ["exec", "hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: repositoryRoot,
      onLine: log,
    },
  );
  await waitFor("the Hardhat node", () => isRpcUp(rpcUrl), 60_000);
  const { reader, tester } = createLocalChainClients(rpcUrl, { pollingInterval: 50 });
  return {
    rpcUrl,
    reader,
    tester,
    mine: async (count = 1) => {
      for (let i = 0; i < count; i++) await tester.request({ method: "evm_mine", params: [] } as never);
    },
    increaseTime: async (seconds) => {
      await tester.increaseTime({ seconds });
      await tester.request({ method: "evm_mine", params: [] } as never);
    },
    stop: () => node.stop(),
  };
}

/**
 * Deploys the protocol with the Ignition module, under a throwaway deployment id so that it never
 * touches the shared `chain-31337` state, and checks that the addresses are the ones the
 * deployments module (and so the indexer) uses: a fresh node is deterministic.
 */
export async function deployProtocol(chain: HardhatChain): Promise<void> {
  const port = new URL(chain.rpcUrl).port;
  const deploymentId = `indexer-test-${process.pid}-${port}`;
  const args = ["exec", "hardhat", "ignition", "deploy", "contracts/ignition/modules/A360.ts"];
  args.push("--network", "localhost", "--deployment-id", deploymentId, "--reset");
  try {
    const result = spawnSync("pnpm", args, {
      cwd: repositoryRoot,
      env: { ...process.env, CHAIN_PORT: port },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`ignition deploy failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(path.join(repositoryRoot, "contracts/ignition/deployments", deploymentId), { recursive: true, force: true });
  }
  for (const [name, contract] of Object.entries(deployments[31337])) {
    const code = await chain.reader.getCode({ address: contract.address });
    if (!code || code === "0x")
      throw new Error(`${name} is not at ${contract.address}: the deployment is not deterministic`);
  }
}
