import deployments from "@a360/contracts/deployments";
import { DEV_ACCOUNTS } from "@a360/scripts/stack";
import type { BrowserContext, Page } from "playwright-core";
import { createPublicClient, formatEther, http } from "viem";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { injectWallet } from "../support/injectedWallet.ts";
import { signInWithWallet } from "../support/signInWithWallet.ts";
import { startTestStack, type TestStack } from "../support/testStack.ts";

// Dev account #1 received TT from the deployer in the seed (a Transfer the indexer mirrors) and
// has since paid anchoring fees: the page must show what the chain holds now.
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
    const chain = createPublicClient({ transport: http(stack.urls.chain) });
    const { address, abi } = deployments[31337].TTToken;
    const balance = await chain.readContract({ address, abi, functionName: "balanceOf", args: [wallet] });
    expect(balance).toBeGreaterThan(0n);
    const shown = async () => Number((await page.getByTestId("tt-balance").textContent())?.replace(/[^\d.]/g, ""));
    await expect.poll(shown, { timeout: 30_000 }).toBe(Number(formatEther(balance)));
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
