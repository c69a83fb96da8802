"use client";

import { ConnectButton } from "@rainbow-me/rainbowkit";

/** RainbowKit's button: "Connect Wallet", then the sign-in step, then the connected account. */
export function WalletButton() {
  return <ConnectButton showBalance={false} chainStatus="icon" accountStatus="address" />;
}
