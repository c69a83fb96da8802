// An EIP-1193 provider injected into test pages as `window.ethereum`. Plain JavaScript, loaded as
// text, so no transpiler helper can leak into the page. `__A360_WALLET__` is set just before it.
(() => {
  const { address, chainId } = window.__A360_WALLET__;
  const chainHex = `0x${chainId.toString(16)}`;
  const listeners = new Map();
  // Like a real wallet, the permission given to this origin outlives a reload (until revoked).
  const PERMISSION_KEY = "__a360_wallet_permission";
  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return undefined; // an opaque origin (about:blank) has none
    }
  })();
  let connected = storage?.getItem(PERMISSION_KEY) === address;
  const setConnected = (value) => {
    connected = value;
    if (value) storage?.setItem(PERMISSION_KEY, address);
    else storage?.removeItem(PERMISSION_KEY);
  };

  const emit = (event, ...args) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };

  const provider = {
    isMetaMask: false,
    async request({ method, params }) {
      switch (method) {
        case "eth_requestAccounts":
          setConnected(true);
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
          setConnected(true);
          return [{ parentCapability: "eth_accounts" }];
        case "wallet_getPermissions":
          return connected ? [{ parentCapability: "eth_accounts" }] : [];
        case "wallet_revokePermissions":
          setConnected(false);
          emit("accountsChanged", []);
          return null;
        case "wallet_switchEthereumChain":
          return null;
        default: {
          const { result, error } = await window.__a360Rpc(method, params ?? []);
          if (error) throw Object.assign(new Error(error.message), { code: error.code });
          return result;
        }
      }
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return provider;
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  window.ethereum = provider;
})();
