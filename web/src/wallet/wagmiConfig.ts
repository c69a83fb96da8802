import { connectorsForWallets } from "@rainbow-me/rainbowkit";
import { injectedWallet } from "@rainbow-me/rainbowkit/wallets";
import { type Chain, http, type Transport } from "viem";
import { createConfig } from "wagmi";
import { hardhat, sepolia } from "wagmi/chains";
import { getLocalChainRpcUrl } from "./chainRpcUrl";

// NEXT_PUBLIC_* values are inlined into the browser bundle when `next build` runs.
const localRpcUrl = getLocalChainRpcUrl();
const sepoliaRpcUrl = process.env.NEXT_PUBLIC_SEPOLIA_RPC_URL || undefined;

export const localChain = {
  ...hardhat,
  rpcUrls: { default: { http: [localRpcUrl] } },
} as const satisfies Chain;

const chains: readonly [Chain, ...Chain[]] = sepoliaRpcUrl ? [localChain, sepolia] : [localChain];

const transports: Record<number, Transport> = { [localChain.id]: http(localRpcUrl) };
if (sepoliaRpcUrl) transports[sepolia.id] = http(sepoliaRpcUrl);

// Injected wallets only: no WalletConnect, so the project id is never used (RainbowKit still requires one).
const connectors = connectorsForWallets([{ groupName: "Installed", wallets: [injectedWallet] }], {
  appName: "A360 Exchange",
  projectId: "a360-exchange-no-walletconnect",
});

export const wagmiConfig = createConfig({ chains, connectors, transports, ssr: true });
