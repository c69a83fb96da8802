/**
 * The market's read pages in the browser: a wallet's units, a unit's page, the market's filters and the
 * protocol dashboard, reached from the header. The unit is minted and its passport anchored on chain by the
 * demo manufacturer beforehand. Listing, buying and cancelling from the wallet are not in the dApp yet.
 */
import deployments from "@a360/contracts/deployments";
import { DEV_MANUFACTURER } from "@a360/scripts/dev-accounts";
import { DEV_ACCOUNTS } from "@a360/scripts/stack";
import type { BrowserContext, Page } from "playwright-core";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  maxUint256,
  toHex,
  zeroHash,
} from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { injectWallet } from "../support/injectedWallet.ts";
import { signInWithWallet } from "../support/signInWithWallet.ts";
import { startTestStack, type TestStack } from "../support/testStack.ts";

const SELLER = DEV_ACCOUNTS[2];
const protocol = deployments[31337];
let UNIT = 0n;

let stack: TestStack;
let sellerBrowser: BrowserContext;
let seller: Page;

/** The demo manufacturer mints a unit to the seller and anchors version 1 of its passport; returns the unit id. */
async function mintAnchoredUnit(publicId: string): Promise<bigint> {
  const chain = { ...hardhat, rpcUrls: { default: { http: [stack.urls.chain] } } };
  const reader = createPublicClient({ chain, transport: http(stack.urls.chain) });
  const manufacturer = createWalletClient({ chain, transport: http(stack.urls.chain), account: DEV_MANUFACTURER });
  const wait = async (hash: `0x${string}`) => {
    const receipt = await reader.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
  };
  await wait(
    await manufacturer.writeContract({
      address: protocol.TTToken.address,
      abi: protocol.TTToken.abi,
      functionName: "approve",
      args: [protocol.PassportRegistry.address, maxUint256],
    }),
  );
  await wait(
    await manufacturer.writeContract({
      address: protocol.UnitToken.address,
      abi: protocol.UnitToken.abi,
      functionName: "mint",
      args: [SELLER as Address, publicId],
    }),
  );
  // Unit and passport ids are bound to the issuing organisation: the contracts say which they are.
  const organisationId = await reader.readContract({
    address: protocol.PassportRegistry.address,
    abi: protocol.PassportRegistry.abi,
    functionName: "organisationOf",
    args: [DEV_MANUFACTURER.address],
  });
  const unitId = await reader.readContract({
    address: protocol.UnitToken.address,
    abi: protocol.UnitToken.abi,
    functionName: "unitIdOf",
    args: [organisationId, publicId],
  });
  await wait(
    await manufacturer.writeContract({
      address: protocol.PassportRegistry.address,
      abi: protocol.PassportRegistry.abi,
      functionName: "anchorPassport",
      // The registry takes the hash of the public id and binds it to the anchoring organisation itself.
      args: [keccak256(toHex(publicId)), 1n, keccak256(toHex(`${publicId}-v1`)), zeroHash],
    }),
  );
  return unitId;
}

beforeAll(async () => {
  stack = await startTestStack("e2e-market");
  UNIT = await mintAnchoredUnit("e2e-market-unit");
  sellerBrowser = await launchBrowser();
  await injectWallet(sellerBrowser, { address: SELLER, rpcUrl: stack.urls.chain, chainId: 31337 });
  seller = await sellerBrowser.newPage();
  await signInWithWallet(seller, stack.urls.web);
}, 600_000);

afterAll(async () => {
  await sellerBrowser?.close();
  await stack?.teardown();
});

describe("the market's read pages", () => {
  it("shows the holder its unit among its units, not for sale", async () => {
    onTestFailed(async () => {
      console.log(stack.tailLog());
      console.log("PAGE:", await seller.locator("main").textContent());
    });
    await seller.goto(`${stack.urls.web}/units`);
    const unit = seller.locator(`[data-testid="held-unit"][data-unit-id="${UNIT}"]`);
    await unit.waitFor({ timeout: 30_000 });
    expect(await unit.textContent()).toContain("You own it");
  });

  it("shows the unit's page: its owner, its anchored passport version, no sale", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await seller.goto(`${stack.urls.web}/market/units/${UNIT}`);
    await expect.poll(() => seller.getByTestId("unit-owner").textContent(), { timeout: 30_000 }).toBe("you");
    await expect.poll(() => seller.getByTestId("unit-anchor").textContent(), { timeout: 30_000 }).toBe("version 1");
    expect(await seller.getByTestId("active-listing").count()).toBe(0);
    expect(await seller.getByText("Not for sale.").count()).toBe(1);
  });

  it("filters and sorts the market's listings by the form, keeping the choices in the address", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await seller.goto(`${stack.urls.web}/market`);
    await seller.getByLabel("Chemistry").fill("LFP");
    await seller.getByLabel("Payment token").selectOption({ label: "TT" });
    await seller.getByLabel("Price from").fill("1");
    await seller.getByLabel("Sort by").selectOption("price_asc");
    await seller.getByRole("button", { name: "Show" }).click();
    await seller.waitForURL(/chemistry=LFP/);
    const url = new URL(seller.url());
    expect(url.searchParams.get("sort")).toBe("price_asc");
    expect(url.searchParams.get("minPrice")).toBe("1");
    expect(await seller.getByLabel("Chemistry").inputValue()).toBe("LFP");
    expect(await seller.getByText("The listings cannot be shown").count()).toBe(0);
    const answers = seller.getByTestId("listing-table").or(seller.getByText("No listing matches."));
    expect(await answers.count()).toBe(1);
  });

  it("reaches Market, My units and Protocol from the header", async () => {
    await seller.goto(`${stack.urls.web}/market`);
    const header = seller.locator("header");
    for (const name of ["Market", "My units", "Protocol"]) {
      expect(await header.getByRole("link", { name, exact: true }).count()).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("the protocol dashboard", () => {
  it("shows the market's counts from the api, and charts TVL by role and the market", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    const figures = (await (await fetch(`${stack.urls.api}/api/v1/protocol`)).json()) as {
      market: { activeListings: number };
    };
    await seller.goto(`${stack.urls.web}/protocol`);
    expect(await seller.getByTestId("figure-active-listings").textContent()).toBe(
      String(figures.market.activeListings),
    );
    expect(await seller.getByTestId("chart-market").count()).toBe(1);
    expect(await seller.getByTestId("chart-tvl").count()).toBe(1);
  });
});
