/**
 * `pnpm anchor --network <name>` against a real Hardhat node with the protocol deployed: the key is
 * the network's account in hardhat.config.ts, a Hardhat configuration variable set through the
 * environment (`localhostKeyed`, LOCALHOST_PRIVATE_KEY), the way a testnet key reaches the CLI.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LocalChain, seedChain, startLocalChain } from "@a360/scripts/stack";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase } from "../src/database/Database.ts";
import { type SignedInMember, signInMember } from "../test/signInMember.ts";
import { createTestApp } from "../test/testApp.ts";
import { grantDevManufacturer } from "./grantDevManufacturer.ts";

/** Hardhat's published dev key #3: neither the deployer nor the manufacturer the CLI falls back to. */
const NETWORK_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
const networkAccount = privateKeyToAccount(NETWORK_KEY);
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let chain: LocalChain;
let context: Awaited<ReturnType<typeof createTestApp>>;
let maker: SignedInMember;

/** A CLI still running after this long has hung: its process group is killed and the run fails. */
const CLI_DEADLINE_MS = 90_000;

/** Runs the CLI to its end; never rejects, so the exit code (null when it had to be killed) can be asserted. */
function runAnchorCli(env: Record<string, string | undefined>) {
  const args = ["exec", "tsx", "tools/anchorCli.ts", "--network", "localhostKeyed"];
  args.push("--organization", maker.organizationId);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const cli = spawn("pnpm", args, {
      cwd: apiDir,
      // Its own process group, so pnpm, tsx and node all go when it has to be killed.
      detached: true,
      env: {
        ...process.env,
        CHAIN_PORT: new URL(chain.url).port,
        CHAIN_RPC_URL: undefined,
        DATABASE_URL: inject("databaseUrl"),
        LOCALHOST_PRIVATE_KEY: undefined,
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    cli.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    cli.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const deadline = setTimeout(() => {
      stderr += `\n(killed: still running after ${CLI_DEADLINE_MS} ms)`;
      process.kill(-cli.pid!, "SIGKILL");
    }, CLI_DEADLINE_MS);
    cli.on("close", (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  chain = await startLocalChain();
  await seedChain(chain.url);
  context = await createTestApp({ CHAIN_RPC_URL: chain.url });
  maker = await signInMember(context.app, context.db, "MANUFACTURER");
  await grantDevManufacturer(chain.url, networkAccount.address, maker.organizationId);
  const model = await maker.request(`/organizations/${maker.organizationId}/models`, {
    method: "POST",
    body: { modelCode: "VC-CLI-1", name: "Volta CLI", batteryCategory: "LMT", referenceCode: "LMT-VOL-48V-880" },
  });
  const modelId = ((await model.json()) as { id: string }).id;
  for (const serialNumber of ["CLI-1", "CLI-2"]) {
    const response = await maker.request(`/organizations/${maker.organizationId}/passports`, {
      method: "POST",
      body: { modelId, serialNumber, productionDate: "2026-03-01" },
    });
    expect(response.status).toBe(201);
  }
}, 180_000);

afterAll(async () => {
  if (context) await closeDatabase(context.db);
  await chain?.stop();
});

// Each run starts tsx and loads Hardhat's configuration: tens of seconds on a busy machine.
describe("pnpm anchor --network localhostKeyed", { timeout: 120_000 }, () => {
  it("stops with the name of the configuration variable when it is not set", async () => {
    const run = await runAnchorCli({});
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr + run.stdout).toContain("LOCALHOST_PRIVATE_KEY");
  });

  it("anchors the tenant's batch from the configuration variable's key", async () => {
    const run = await runAnchorCli({ LOCALHOST_PRIVATE_KEY: NETWORK_KEY });
    expect(run, run.stderr).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/anchored on chain 31337 at block/),
    });
  });

  it("records the batch as anchored by that key's wallet", async () => {
    const batches = await context.db.prisma.passportBatch.findMany({ where: { tenantId: maker.organizationId } });
    expect(batches).toMatchObject([
      { status: "ANCHORED", leafCount: 2, chainId: 31337, attester: networkAccount.address.toLowerCase() },
    ]);
  });
});
