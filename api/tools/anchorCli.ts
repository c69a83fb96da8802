/**
 * `pnpm anchor`: prepares the tenant's batch of unanchored passport versions and anchors its root
 * with PassportRegistry.anchorBatch, waits for the receipt and records the anchoring.
 *
 *   pnpm anchor [--organization <uuid>] [--network <hardhat network>] [--rpc <url>] [--root-only]
 *
 * Batches of up to 2,000 passports also emit one PassportAnchored per passport, so verifiers find a
 * passport's later versions on chain alone; larger ones (or --root-only) emit only the batch event.
 *
 * The key: with `--network`, the first account of that network in hardhat.config.ts, i.e. a Hardhat
 * configuration variable (keystore or environment, e.g. SEPOLIA_PRIVATE_KEY); without it, on the
 * local chain (31337), dev account #1, granted as the tenant's manufacturer wallet by the deployer
 * (#0) when it is not one yet. DATABASE_URL names the api's database (default: `pnpm dev`'s, from the
 * same .env, EMBEDDED_POSTGRES_PORT and API_DATABASE_PASSWORD).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { findPassportRegistry } from "@a360/contracts/passport";
import { DEV_MANUFACTURER } from "@a360/scripts/dev-accounts";
import { getDevApiDatabaseUrl } from "@a360/scripts/roles";
import { createPublicClient, createWalletClient, type Hex, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { anchorPreparedBatch } from "../src/anchoring/anchorPreparedBatch.ts";
import { preparePassportBatch } from "../src/anchoring/preparePassportBatch.ts";
import { syncPassportAnchors } from "../src/anchoring/syncPassportAnchors.ts";
import { closeDatabase, createDatabase } from "../src/database/Database.ts";
import { startPassportVersionWorkers } from "../src/passport-versions/materialisePassportVersions.ts";
import { grantDevManufacturer } from "./grantDevManufacturer.ts";

/** Above this many passports a batch is anchored root-only (one event), below with one event per passport. */
const MAX_PER_PASSPORT_EVENTS = 2_000;

const { values } = parseArgs({
  options: {
    organization: { type: "string" },
    network: { type: "string" },
    rpc: { type: "string" },
    "root-only": { type: "boolean", default: false },
  },
});

async function resolveNetwork(): Promise<{ rpcUrl: string; key: Hex | undefined }> {
  if (!values.network)
    return { rpcUrl: values.rpc ?? process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545", key: undefined };
  // Hardhat resolves its configuration variables (keystore, then environment) for us.
  const { default: hre } = await import("hardhat");
  const network = hre.config.networks[values.network];
  if (network?.type !== "http") throw new Error(`hardhat.config.ts has no http network ${values.network}`);
  const accounts = network.accounts;
  if (!Array.isArray(accounts) || accounts.length === 0) {
    throw new Error(`network ${values.network} names no account key in hardhat.config.ts`);
  }
  return { rpcUrl: values.rpc ?? (await network.url.getUrl()), key: (await accounts[0]!.getHexString()) as Hex };
}

// The workers load while the chain and the database are reached.
startPassportVersionWorkers();
// The same .env and defaults as `pnpm dev`, so a run beside it reaches its database.
const envFile = fileURLToPath(new URL("../../.env", import.meta.url));
if (existsSync(envFile)) process.loadEnvFile(envFile);
const databaseUrl = getDevApiDatabaseUrl();
const db = createDatabase(databaseUrl);
try {
  const { rpcUrl, key } = await resolveNetwork();
  const client = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await client.getChainId();
  const chain = { ...hardhat, id: chainId, rpcUrls: { default: { http: [rpcUrl] } } };
  const tenantId = values.organization ?? (await findOnlyManufacturer());
  const registry = findPassportRegistry(chainId)?.address;
  if (!registry) throw new Error(`no PassportRegistry is deployed on chain ${chainId}`);
  if (!key && chainId !== 31337) throw new Error("give --network <name> with a key for any chain but the local one");
  const wallet = createWalletClient({
    chain,
    transport: http(rpcUrl),
    account: key ? privateKeyToAccount(key) : DEV_MANUFACTURER,
  });
  const organization = await db.prisma.organization.findUniqueOrThrow({
    where: { id: tenantId },
    select: { name: true },
  });
  if (!key && (await grantDevManufacturer(rpcUrl, wallet.account.address, tenantId, organization.name))) {
    console.log(`granted ${wallet.account.address} as manufacturer wallet of ${tenantId}`);
  }

  // Anchors recorded from another chain (a fresh dev chain) are cleared before anything is prepared.
  const synced = await syncPassportAnchors(db, client, { registry });
  if (synced.wasReset) console.log("this chain does not hold the anchors recorded before: cleared them");
  const batch = await preparePassportBatch(db, tenantId);
  if (!batch) {
    console.log("every passport version is anchored: nothing to do");
  } else {
    console.log(`prepared batch ${batch.root} of ${batch.leafCount} passport versions`);
    const anchored = await anchorPreparedBatch(db, client, wallet, batch, {
      tenantId,
      registry,
      // 10,000 passport ids (320 kB of calldata) exceed what a node accepts in one transaction.
      perPassportEvents: !values["root-only"] && batch.leafCount <= MAX_PER_PASSPORT_EVENTS,
    });
    console.log(
      `anchored on chain ${chainId} at block ${anchored.blockNumber} in ${anchored.transactionHash} (${anchored.gasUsed} gas)`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase(db);
}

async function findOnlyManufacturer(): Promise<string> {
  const manufacturers = await db.prisma.organization.findMany({
    where: { kind: "MANUFACTURER" },
    select: { id: true, name: true },
  });
  if (manufacturers.length !== 1) {
    throw new Error(
      `name the tenant with --organization (manufacturers: ${manufacturers.map((m) => `${m.id} ${m.name}`).join(", ")})`,
    );
  }
  return manufacturers[0]!.id;
}
