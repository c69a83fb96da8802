"use client";

import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useQuery } from "@tanstack/react-query";
import { useAccount } from "wagmi";
import { sessionQuery } from "../auth/sessionQuery";
import { AccountPanel } from "./AccountPanel";
import styles from "./AccountSection.module.css";

/** What the signed-in wallet sees; before sign-in, how to get there. */
export function AccountSection() {
  const session = useQuery(sessionQuery);
  const { isConnected } = useAccount();
  const { openConnectModal } = useConnectModal();

  if (session.isPending) {
    return <p className={styles.muted}>Checking your session…</p>;
  }
  if (session.isError) {
    return (
      <p className={styles.notice} role="alert">
        The A360 api cannot be reached right now, so signing in is unavailable. ({session.error.message})
      </p>
    );
  }
  if (session.data) {
    return <AccountPanel session={session.data} />;
  }
  return (
    <section className={styles.prompt}>
      <h2>{isConnected ? "Sign in with your wallet" : "Connect a wallet to begin"}</h2>
      <p className={styles.muted}>
        {isConnected
          ? "Sign the message your wallet shows to prove you own this address. Signing costs nothing and sends no transaction."
          : "Connect the wallet in your browser, then sign a short message to see your TT balance, transfers and memberships."}
      </p>
      {isConnected && openConnectModal ? (
        <button type="button" className={styles.button} onClick={openConnectModal}>
          Sign in
        </button>
      ) : null}
    </section>
  );
}
