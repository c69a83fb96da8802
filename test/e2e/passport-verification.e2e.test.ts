/**
 * The QR target /p/{publicId}: the page verifies what it shows against the chain, in the browser.
 * The stack is `pnpm dev`'s: the demo passports anchored, one changed since. Tampered disclosures are
 * served in place of the api's answer (Playwright routes), so the page must catch them on its own.
 * The manufacturer's workspace then anchors the changed passport and revokes its batch with the wallet.
 */
import { createHash } from "node:crypto";
import deployments from "@a360/contracts/deployments";
import {
  buildPassportBatch,
  buildPassportTree,
  PASSPORT_SCHEMA,
  type PassportDisclosure,
} from "@a360/contracts/passport";
import { DEV_DEPLOYER, DEV_MANUFACTURER, getDevAccount } from "@a360/scripts/dev-accounts";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import { DEV_ACCOUNTS } from "@a360/scripts/stack";
import type { BrowserContext, Page } from "playwright-core";
import { type Hex, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { addMembership } from "../support/addMembership.ts";
import { launchBrowser } from "../support/browser.ts";
import { injectWallet } from "../support/injectedWallet.ts";
import { signInWithWallet } from "../support/signInWithWallet.ts";
import { startTestStack, type TestStack } from "../support/testStack.ts";

/** The demo seed's public ids (api/tools/seed/seedDemoPassports.ts) and the unit changed after anchoring. */
const demoPublicId = (serial: string) =>
  createHash("sha256").update(`a360-demo:${serial}`).digest("base64url").slice(0, 22);
const CHANGED = demoPublicId("VC-CITY-36-508-00001");
const ANCHORED = demoPublicId("VC-CITY-36-508-00002");
// Dev account #1: the demo manufacturer's wallet, granted by the deployer when `pnpm dev` anchors.
const MANUFACTURER = DEV_MANUFACTURER;
const registry = deployments[31337].PassportRegistry;

let stack: TestStack;
let browser: BrowserContext;
let page: Page;

async function getDisclosure(publicId: string, query = ""): Promise<PassportDisclosure & { currentVersion: number }> {
  const response = await fetch(`${stack.urls.api}/api/v1/public/passports/${publicId}${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as PassportDisclosure & { currentVersion: number };
}

/** Opens the page and waits for its verdict. */
async function openPassport(publicId: string, query = ""): Promise<string | null> {
  await page.goto(`${stack.urls.web}/p/${publicId}${query}`);
  const verdict = page.getByTestId("passport-verdict");
  await expect.poll(() => verdict.getAttribute("data-status"), { timeout: 30_000 }).not.toBe("checking");
  return verdict.getAttribute("data-status");
}

/** Serves `disclosure` instead of the api's answer for this passport. */
async function serveDisclosure(publicId: string, disclosure: unknown) {
  await page.route(`**/api/v1/public/passports/${publicId}**`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(disclosure) }),
  );
}

/**
 * `disclosure`'s own version anchored again, alone in a batch of its organization that is then revoked:
 * a valid proof of a revoked batch for a passport the api serves (the page answers 404 for any other).
 * Root-only (no per-passport event), so the api's own anchor of the passport stays what it was.
 */
async function anchorInRevokedBatch(disclosure: PassportDisclosure): Promise<PassportDisclosure> {
  const { reader: client, walletOf } = createLocalChainClients(stack.urls.chain);
  const wallet = walletOf(MANUFACTURER);
  const leaf = {
    passportId: disclosure.passportId,
    version: BigInt(disclosure.version),
    passportRoot: disclosure.passportRoot,
  };
  const batch = buildPassportBatch([leaf]);
  const send = async (request: Record<string, unknown>) =>
    client.waitForTransactionReceipt({ hash: await wallet.writeContract(request as never) });
  await send({ ...deployments[31337].TTToken, functionName: "approve", args: [registry.address, parseEther("1")] });
  await send({ ...registry, functionName: "anchorBatch", args: [batch.root, 1, []] });
  await send({ ...registry, functionName: "revokeBatch", args: [batch.root] });
  return { ...disclosure, anchor: { ...disclosure.anchor!, batchRoot: batch.root, batchProof: batch.proofs[0]! } };
}

/**
 * Another organisation's manufacturer wallet anchors, in its own batch, a doctored version of `disclosure`'s
 * passport (same passport id, version and public id, other values), and the disclosure is rewritten to it.
 */
async function anchorDoctoredByAnotherOrganisation(disclosure: PassportDisclosure): Promise<PassportDisclosure> {
  const { reader: client, walletOf } = createLocalChainClients(stack.urls.chain);
  const rogue = getDevAccount(7);
  const rogueOrganisation = `0x${"e7".repeat(32)}` as Hex;
  const send = async (account: typeof rogue, request: Record<string, unknown>) => {
    await client.waitForTransactionReceipt({ hash: await walletOf(account).writeContract(request as never) });
  };
  const tt = deployments[31337].TTToken;
  await send(DEV_DEPLOYER, {
    ...registry,
    functionName: "registerOrganisation",
    args: [rogueOrganisation, "Rogue Cells Ltd"],
  });
  await send(DEV_DEPLOYER, {
    ...registry,
    functionName: "grantManufacturer",
    args: [rogue.address, rogueOrganisation],
  });
  await send(DEV_DEPLOYER, { ...tt, functionName: "transfer", args: [rogue.address, parseEther("10")] });
  await send(rogue, { ...tt, functionName: "approve", args: [registry.address, parseEther("10")] });
  const tree = buildPassportTree({
    schema: PASSPORT_SCHEMA,
    publicId: disclosure.publicId,
    version: disclosure.version,
    entries: [
      { key: "passport.model_name", value: "Volta Premium 2000Wh", access: "public" },
      { key: "passport.previous_hash", value: disclosure.previousRoot, access: "public" },
    ],
  });
  const leaf = { passportId: disclosure.passportId, version: BigInt(disclosure.version), passportRoot: tree.root };
  const batch = buildPassportBatch([leaf]);
  await send(rogue, { ...registry, functionName: "anchorBatch", args: [batch.root, 1, []] });
  return {
    ...disclosure,
    passportRoot: tree.root,
    entries: tree.entries,
    anchor: { ...disclosure.anchor!, batchRoot: batch.root, batchProof: batch.proofs[0]! },
    currentVersion: disclosure.version,
    supersededBy: null,
  };
}

beforeAll(async () => {
  stack = await startTestStack("e2e-passport-verification");
  browser = await launchBrowser();
  page = await browser.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.teardown();
});

describe("the passport page /p/{publicId}", () => {
  it("names the issuer as the chain knows it", async () => {
    expect(await openPassport(ANCHORED)).toBe("verified");
    const issuer = page.getByTestId("passport-issuer");
    await expect.poll(() => issuer.textContent()).toContain("Volta Cells GmbH");
    expect(await issuer.textContent()).toContain(DEV_MANUFACTURER.address);
  });

  it("says verified for an anchored demo passport, with every shown entry proven", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    expect(await openPassport(ANCHORED)).toBe("verified");
    const validity = await page
      .getByTestId("passport-entry")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-valid")));
    expect(validity.length).toBeGreaterThan(5);
    expect(validity.every((isValid) => isValid === "true")).toBe(true);
    expect(await page.getByRole("heading", { level: 2 }).count()).toBeGreaterThan(1);
    expect(await page.getByTestId("passport-verdict").textContent()).toContain("Verified on chain");
  });

  it("says changed since anchoring for the demo passport changed after anchoring", async () => {
    expect(await openPassport(CHANGED)).toBe("changed_since_anchoring");
  });

  it("says not yet anchored for its newest, unanchored version", async () => {
    const { currentVersion } = await getDisclosure(CHANGED);
    expect(await openPassport(CHANGED, `?version=${currentVersion}`)).toBe("not_anchored");
  });

  describe("with a tampered disclosure in place of the api's", () => {
    it("catches one changed attribute", async () => {
      const disclosure = await getDisclosure(ANCHORED);
      const entries = disclosure.entries.map((entry) =>
        entry.key === "passport.model_name" ? { ...entry, value: "Volta Premium 2000Wh" } : entry,
      );
      await serveDisclosure(ANCHORED, { ...disclosure, entries });
      expect(await openPassport(ANCHORED)).toBe("tampered");
      expect(await page.locator('[data-key="passport.model_name"]').getAttribute("data-valid")).toBe("false");
      await page.unrouteAll();
    });

    it("catches a swapped proof", async () => {
      const disclosure = await getDisclosure(ANCHORED);
      const entries = disclosure.entries.map((entry, index, all) =>
        index === 2 ? { ...entry, proof: all[3]!.proof } : index === 3 ? { ...entry, proof: all[2]!.proof } : entry,
      );
      await serveDisclosure(ANCHORED, { ...disclosure, entries });
      expect(await openPassport(ANCHORED)).toBe("tampered");
      await page.unrouteAll();
    });

    it("catches a root from another batch, and says revoked for a revoked batch", async () => {
      const disclosure = await getDisclosure(ANCHORED);
      const revoked = await anchorInRevokedBatch(disclosure);
      await serveDisclosure(ANCHORED, {
        ...disclosure,
        anchor: { ...disclosure.anchor!, batchRoot: revoked.anchor!.batchRoot },
      });
      expect(await openPassport(ANCHORED)).toBe("tampered");
      await page.unrouteAll();

      await serveDisclosure(ANCHORED, revoked);
      expect(await openPassport(ANCHORED)).toBe("revoked");
      await page.unrouteAll();
    });

    it("catches a version another organisation anchored, naming it", async () => {
      const doctored = await anchorDoctoredByAnotherOrganisation(await getDisclosure(ANCHORED));
      await serveDisclosure(ANCHORED, doctored);
      expect(await openPassport(ANCHORED)).toBe("tampered");
      await expect.poll(() => page.getByTestId("passport-verdict").textContent()).toContain("Rogue Cells Ltd");
      await page.unrouteAll();
    });

    it("fails a root that is not on chain (a forged anchor is not a pending one)", async () => {
      const disclosure = await getDisclosure(ANCHORED);
      const anchor = { ...disclosure.anchor!, batchRoot: `0x${"77".repeat(32)}` as Hex };
      await serveDisclosure(ANCHORED, { ...disclosure, anchor });
      expect(await openPassport(ANCHORED)).toBe("tampered");
      await page.unrouteAll();
    });
  });

  it("says chain unreachable when the chain cannot be read", async () => {
    // The page reads the chain through the web's own /rpc (read methods only), or the node directly.
    await page.route(
      (url) => url.href.startsWith(stack.urls.chain) || url.pathname === "/rpc",
      (route) => route.abort(),
    );
    expect(await openPassport(ANCHORED)).toBe("chain_unreachable");
    await page.unrouteAll();
  });
});

describe("the manufacturer workspace /workspace/anchoring", () => {
  // The demo seed's organizations (api/tools/seed/seedDemo.ts), and one more manufacturer for the picker.
  const VOLTA = { id: "00000000-0000-4000-8000-000000000001", name: "Volta Cells GmbH" };
  const RECYCLER = { id: "00000000-0000-4000-8000-000000000003", name: "Circular Metals Recycling", kind: "RECYCLER" };
  const WATT = { id: "00000000-0000-4000-8000-0000000000e2", name: "Watt Works (e2e)", kind: "MANUFACTURER" };
  let manufacturerBrowser: BrowserContext;
  let workspace: Page;

  // The injected test wallet keeps the page's permission across loads, and the session stays: connect
  // only when the page offers it.
  async function connectWallet() {
    const connect = workspace.getByRole("button", { name: /connect wallet/i }).first();
    const picker = workspace.getByTestId("organization-picker");
    await connect.or(picker).first().waitFor({ timeout: 30_000 });
    if (await connect.isVisible()) {
      await connect.click();
      await workspace.getByText("Browser Wallet").click();
    }
  }

  const headingOf = () => workspace.getByRole("heading", { level: 2 }).textContent();
  const messageOf = () => workspace.getByTestId("anchor-message").textContent();

  beforeAll(async () => {
    for (const organization of [RECYCLER, WATT]) {
      await addMembership(stack.databaseUrl, { address: DEV_ACCOUNTS[1], organization, role: "ADMIN" });
    }
    manufacturerBrowser = await launchBrowser();
    await injectWallet(manufacturerBrowser, { address: DEV_ACCOUNTS[1], rpcUrl: stack.urls.chain, chainId: 31337 });
    workspace = await manufacturerBrowser.newPage();
    await signInWithWallet(workspace, stack.urls.web);
    await workspace.getByTestId("session-address").waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await manufacturerBrowser?.close();
  });

  it("offers every organization of the wallet, those that are not manufacturers disabled", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await workspace.goto(`${stack.urls.web}/workspace/anchoring`);
    await connectWallet();
    const picker = workspace.getByTestId("organization-picker");
    await expect.poll(() => picker.count(), { timeout: 30_000 }).toBe(1);
    const options = await picker.locator("option").evaluateAll((elements) =>
      elements.map((option) => ({
        value: (option as HTMLOptionElement).value,
        isDisabled: (option as HTMLOptionElement).disabled,
      })),
    );
    expect(options.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: VOLTA.id, isDisabled: false },
      { value: RECYCLER.id, isDisabled: true },
      { value: WATT.id, isDisabled: false },
    ]);
  });

  it("keeps the chosen organization in the URL across a reload", async () => {
    await workspace.getByTestId("organization-picker").selectOption(WATT.id);
    await expect.poll(() => new URL(workspace.url()).searchParams.get("organization")).toBe(WATT.id);
    await workspace.reload();
    await connectWallet();
    await expect.poll(headingOf, { timeout: 30_000 }).toBe(`Anchor passports · ${WATT.name}`);
  });

  it("anchors the changed demo passport with the wallet, and then the page says verified", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await workspace.getByTestId("organization-picker").selectOption(VOLTA.id);
    await expect.poll(headingOf, { timeout: 30_000 }).toBe(`Anchor passports · ${VOLTA.name}`);
    await workspace.getByTestId("anchor-batch").click();
    await expect.poll(messageOf, { timeout: 60_000 }).toMatch(/Batch anchored in 0x[0-9a-f]{64}/);
    expect(await openPassport(CHANGED)).toBe("verified");
  });

  it("revokes that batch with the wallet after a confirmation, and then the page says revoked", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    const { anchor } = await getDisclosure(CHANGED);
    const row = workspace.locator(`[data-testid="passport-batch"][data-root="${anchor!.batchRoot}"]`);
    await row.getByTestId("revoke-batch").click();
    await row.getByTestId("confirm-revoke").click();
    await expect.poll(messageOf, { timeout: 60_000 }).toMatch(/Batch revoked in block \d+/);
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 30_000 }).toBe("REVOKED");
    expect(await openPassport(CHANGED)).toBe("revoked");
    expect(await page.getByTestId("passport-verdict").textContent()).toContain("Revoked");
  });
});
