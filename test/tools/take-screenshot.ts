// Refreshes docs/screenshot.png (the README's picture): the home page of a fresh stack, signed in.
// Run: pnpm --filter @a360/test screenshot
import { DEV_ACCOUNTS } from "@a360/scripts/stack";
import { launchBrowser } from "../support/browser.ts";
import { injectWallet } from "../support/injectedWallet.ts";
import { signInWithWallet } from "../support/signInWithWallet.ts";
import { startTestStack } from "../support/testStack.ts";

const stack = await startTestStack("screenshot");
const browser = await launchBrowser();
try {
  await injectWallet(browser, { address: DEV_ACCOUNTS[1], rpcUrl: stack.urls.chain, chainId: 31337 });
  const page = await browser.newPage();
  await signInWithWallet(page, stack.urls.web);
  await page.getByTestId("transfer-row").first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: new URL("../../docs/screenshot.png", import.meta.url).pathname, fullPage: true });
} finally {
  await browser.close();
  await stack.teardown();
}
