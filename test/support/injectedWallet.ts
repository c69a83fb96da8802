import type { BrowserContext } from "playwright-core";

/**
 * Gives pages of `context` an EIP-1193 `window.ethereum` for one Hardhat dev account. It answers
 * the account and chain questions itself and forwards everything else, signing included, to the
 * Hardhat node through a binding (the node holds the unlocked key). `eth_accounts` stays empty
 * until the page asks for access, as a real wallet does, so the connect button shows.
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
    if (body.error) return { error: body.error };
    return { result: body.result };
  });

  await context.addInitScript(
    ({ address, chainId }) => {
      const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
      let connected = false;
      const chainHex = `0x${chainId.toString(16)}`;
      const emit = (event: string, ...args: unknown[]) => {
        for (const listener of listeners.get(event) ?? []) listener(...args);
      };
      const rpc = (
        window as unknown as {
          __a360Rpc: (
            m: string,
            p: unknown,
          ) => Promise<{ result?: unknown; error?: { code: number; message: string } }>;
        }
      ).__a360Rpc;
      const provider = {
        isMetaMask: false,
        async request({ method, params }: { method: string; params?: unknown[] }) {
          switch (method) {
            case "eth_requestAccounts":
              connected = true;
              emit("connect", { chainId: chainHex });
              emit("accountsChanged", [address]);
              return [address];
            case "eth_accounts":
              return connected ? [address] : [];
            case "eth_chainId":
              return chainHex;
            case "net_version":
              return String(chainId);
            case "wallet_requestPermissions":
              connected = true;
              return [{ parentCapability: "eth_accounts" }];
            case "wallet_getPermissions":
              return connected ? [{ parentCapability: "eth_accounts" }] : [];
            case "wallet_revokePermissions":
              connected = false;
              emit("accountsChanged", []);
              return null;
            case "wallet_switchEthereumChain":
              return null;
            default: {
              const { result, error } = await rpc(method, params ?? []);
              if (error) throw Object.assign(new Error(error.message), { code: error.code });
              return result;
            }
          }
        },
        on(event: string, listener: (...args: unknown[]) => void) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)?.add(listener);
          return provider;
        },
        removeListener(event: string, listener: (...args: unknown[]) => void) {
          listeners.get(event)?.delete(listener);
          return provider;
        },
      };
      (window as unknown as { ethereum: typeof provider }).ethereum = provider;
    },
    { address: params.address, chainId: params.chainId },
  );
}
