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

  it("serves its pages with a CSP that forbids framing, and no MIME sniffing", async () => {
    const response = await fetch(stack.urls.web);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("counts a client by its address, not by the X-Forwarded-For it sends through the web", async () => {
    // Sign-in is limited to 20 a minute per client: 41 nonces, each claiming another address, cross one
    // window boundary at most, so some must be refused if the web's own say on the address counts.
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) {
      const response = await fetch(`${stack.urls.web}/api/v1/auth/nonce`, {
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toContain(429);
  });

  it("answers a body over the api's largest limit through the web's proxy with a 413 problem, not a hang", async () => {
    const response = await fetch(`${stack.urls.web}/api/v1/auth/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array(65 * 1024 * 1024),
      signal: AbortSignal.timeout(20_000),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers a streamed body over its route's limit with a 413 problem, not a hang", async () => {
    // A chunked body (no Content-Length) of 32 MiB to a route that takes 256 KiB of JSON (not a sign-in
    // route: the test above used this client's sign-in budget up).
    let sent = 0;
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 32 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const response = await fetch(`${stack.urls.web}/api/v1/organizations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: streamed,
      duplex: "half",
      signal: AbortSignal.timeout(20_000),
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
