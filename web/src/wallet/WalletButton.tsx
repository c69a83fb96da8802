"use client";

import { ConnectButton } from "@rainbow-me/rainbowkit";
import { useQuery } from "@tanstack/react-query";
import { sessionQuery } from "../auth/sessionQuery";

/**
 * RainbowKit's button: "Connect Wallet", then the sign-in step, then the network (a "Wrong network"
 * prompt when the wallet is elsewhere) and the connected account. It appears only once the session
 * check has answered: RainbowKit closes its modal when the status turns "unauthenticated", so a click
 * made while the check was still running would open a modal that shuts again at once.
 */
export function WalletButton() {
  const session = useQuery(sessionQuery);
  if (session.isPending) return <span aria-hidden="true" style={{ minHeight: 40, minWidth: 140 }} />;
  return (
    <ConnectButton
      showBalance={false}
      chainStatus={{ smallScreen: "icon", largeScreen: "full" }}
      accountStatus={{ smallScreen: "avatar", largeScreen: "address" }}
    />
  );
}
