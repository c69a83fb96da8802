import { rmSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "../ports.ts";
import { ServiceProcess } from "./ServiceProcess.ts";
import { repositoryRoot } from "./startStack.ts";
import { isRpcUp, waitFor } from "./waitFor.ts";

export interface LocalChain {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * A Hardhat node on a free port with the protocol deployed, for tests that need a real chain but
 * not the whole stack. Its own Ignition deployment id keeps it apart from `pnpm dev`'s deployment;
 * the deployer's nonces make the addresses those of the deployments module.
 */
export async function startLocalChain(log: (line: string) => void = () => {}): Promise<LocalChain> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const deploymentId = `local-chain-${port}-${process.pid}`;
  const env = { CHAIN_PORT: String(port) };
  const node = new ServiceProcess(
    "chain",
    "pnpm",
    ["exec", "hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: repositoryRoot, env, onLine: log },
  );
  const stop = async () => {
    await node.stop();
    rmSync(path.join(repositoryRoot, "contracts/ignition/deployments", deploymentId), { recursive: true, force: true });
  };
  try {
    await waitFor("the Hardhat node", () => isRpcUp(url), 60_000);
    const deploy = new ServiceProcess(
      "deploy",
      "pnpm",
      [
        "exec",
        "hardhat",
        "ignition",
        "deploy",
        "contracts/ignition/modules/A360.ts",
        "--network",
        "localhost",
        "--deployment-id",
        deploymentId,
      ],
      { cwd: repositoryRoot, env, onLine: log },
    );
    const code = await deploy.exited;
    if (code !== 0) throw new Error(`deploying to the local chain failed with exit code ${code}`);
    return { url, port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
