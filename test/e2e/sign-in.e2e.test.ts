import { DEV_ACCOUNTS } from "@a360/scripts/stack";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { injectWallet } from "../support/injectedWallet.ts";
import { signInWithWallet } from "../support/signInWithWallet.ts";
import { startTestStack, type TestStack } from "../support/testStack.ts";

// Dev account #1 received 10,000 TT from the deployer in the seed: a Transfer the indexer mirrors.
const wallet = DEV_ACCOUNTS[1];

let stack: TestStack;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startTestStack("e2e-sign-in");
  browser = await launchBrowser();
  await injectWallet(browser, { address: wallet, rpcUrl: stack.urls.chain, chainId: 31337 });
  page = await browser.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.teardown();
});

describe("a wallet signs in and sees its chain data through the indexer", () => {
  it("connects with the injected wallet and signs in with Ethereum", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await signInWithWallet(page, stack.urls.web);
    await expect
      .poll(() => page.getByTestId("session-address").textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(wallet.slice(0, 6), "i"));
  });

  it("shows the TT balance and transfer that came through the indexer", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await expect.poll(() => page.getByTestId("tt-balance").textContent(), { timeout: 30_000 }).toContain("10,000");
    expect(await page.getByTestId("transfer-row").count()).toBeGreaterThanOrEqual(1);
  });

  it("keeps the session across a reload", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await page.reload();
    await expect
      .poll(() => page.getByTestId("session-address").textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(wallet.slice(0, 6), "i"));
    const cookies = await browser.cookies(stack.urls.web);
    const session = cookies.find((cookie) => cookie.name === "a360_session");
    expect(session?.httpOnly).toBe(true);
  });
});
