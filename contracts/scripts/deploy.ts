/**
 * Deploys the protocol with Hardhat Ignition and regenerates the deployments module.
 * `A360_NETWORK` names a network of hardhat.config.ts (default `localhost`). A local dev chain is
 * new at each start, so its Ignition state is reset rather than resumed.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exportDeployments } from "./export-deployments.ts";

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const network = process.env.A360_NETWORK ?? "localhost";
const args = ["hardhat", "ignition", "deploy", "contracts/ignition/modules/A360.ts", "--network", network];
if (network === "localhost") args.push("--reset");

const result = spawnSync("pnpm", ["exec", ...args], { cwd: repositoryRoot, stdio: "inherit", env: process.env });
if (result.status !== 0) process.exit(result.status ?? 1);
exportDeployments();
