/**
 * The app shell: one header with navigation on every page, the wallet button, a footer, a signed-out
 * home with live protocol figures, a wallet-free public frame for /verify and /p, and real 404s.
 */
import { DEV_ACCOUNTS } from "@a360/scripts/stack";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { injectWallet } from "../support/injectedWallet.ts";
import { signInWithWallet } from "../support/signInWithWallet.ts";
import { startTestStack, type TestStack } from "../support/testStack.ts";

// Dev account #1: an editor of the demo manufacturer, so its header shows the workspace.
const MEMBER = DEV_ACCOUNTS[1];

let stack: TestStack;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  stack = await startTestStack("e2e-app-shell");
  browser = await launchBrowser();
  await injectWallet(browser, { address: MEMBER, rpcUrl: stack.urls.chain, chainId: 31337 });
  page = await browser.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await stack?.teardown();
});

const hasNoHorizontalScroll = () =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe("the signed-out home", () => {
  it("explains the product and shows the protocol's figures as the api has them now", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    const figures = (await (await fetch(`${stack.urls.api}/api/v1/protocol`)).json()) as {
      units: number;
      passports: { versionsAnchored: number };
    };
    expect(figures.passports.versionsAnchored).toBeGreaterThan(0);
    await page.goto(stack.urls.web);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/passports/i);
    expect(await page.getByTestId("figure-passports").textContent()).toBe(String(figures.passports.versionsAnchored));
    expect(await page.getByTestId("figure-units").textContent()).toBe(String(figures.units));
    expect(await page.getByRole("contentinfo").count()).toBe(1);
  });

  it("fits a 360 px phone without horizontal scrolling, its navigation behind a menu button", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(stack.urls.web);
    expect(await hasNoHorizontalScroll()).toBe(true);
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await menu.click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Verify" }).click();
    await page.waitForURL("**/verify");
    expect(await hasNoHorizontalScroll()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("starts every page with a skip link that moves keyboard focus to the content", async () => {
    await page.goto(stack.urls.web);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  });
});

describe("the public frame", () => {
  it("takes a passport id or its link at /verify and opens its passport page", async () => {
    const publicId = "does-not-exist-yet";
    await page.goto(`${stack.urls.web}/verify`);
    await page.getByLabel("Passport id or link").fill(`https://example.org/p/${publicId}`);
    await page.getByRole("button", { name: "Verify" }).press("Enter");
    await page.waitForURL(`**/p/${publicId}`);
  });

  it("answers an unknown passport id and an unknown page with a styled 404", async () => {
    for (const path of ["/p/no-such-passport", "/no-such-page"]) {
      const response = await page.goto(`${stack.urls.web}${path}`);
      expect(response?.status()).toBe(404);
      expect(await page.getByTestId("not-found").isVisible()).toBe(true);
      expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
    }
  });

  it("serves /verify without the wallet button", async () => {
    await page.goto(`${stack.urls.web}/verify`);
    expect(await page.getByRole("button", { name: /connect wallet/i }).count()).toBe(0);
  });
});

describe("signed in", () => {
  it("shows the workspace in the navigation to a member, and survives a reload", async () => {
    onTestFailed(() => console.log(stack.tailLog()));
    await signInWithWallet(page, stack.urls.web);
    const workspace = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workspace" });
    await workspace.waitFor({ timeout: 30_000 });
    await page.reload();
    await workspace.waitFor({ timeout: 30_000 });
    await workspace.click();
    await page.waitForURL("**/workspace/anchoring");
    expect(await workspace.getAttribute("aria-current")).toBe("page");
  });
});
