import type { Page } from "playwright-core";

/**
 * Goes through RainbowKit as a person would: Connect Wallet → Browser Wallet (the injected test
 * wallet) → Sign message (Sign-In With Ethereum).
 */
export async function signInWithWallet(page: Page, webUrl: string): Promise<void> {
  await page.goto(webUrl);
  await page
    .getByRole("button", { name: /connect wallet/i })
    .first()
    .click();
  await page.getByText("Browser Wallet").click();
  await page.getByRole("button", { name: /sign message/i }).click();
}
