import { readFileSync } from "node:fs";
import type { BrowserContext } from "playwright-core";

const providerSource = readFileSync(new URL("./injected-wallet-provider.js", import.meta.url), "utf8");

/**
 * Gives pages of `context` an EIP-1193 `window.ethereum` for one Hardhat dev account. It answers
 * the account and chain questions itself and forwards everything else, signing included, to the
 * Hardhat node through a binding (the node holds the unlocked key). `eth_accounts` stays empty
 * until the page asks for access, as a real wallet does, so the connect button shows; the access given
 * is remembered for the origin across reloads, as a real wallet remembers it.
 */
export async function injectWallet(
  context: BrowserContext,
  params: { address: string; rpcUrl: string; chainId: number },
) {
  await context.exposeBinding("__a360Rpc", async (_source, method: string, rpcParams: unknown[]) => {
    const response = await fetch(params.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: rpcParams ?? [] }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
    return body.error ? { error: body.error } : { result: body.result };
  });
  const wallet = JSON.stringify({ address: params.address, chainId: params.chainId });
  await context.addInitScript({ content: `window.__A360_WALLET__ = ${wallet};\n${providerSource}` });
}
