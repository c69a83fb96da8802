"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAccount, useDisconnect } from "wagmi";
import { getAccount } from "../api/a360Api";
import type { Session } from "../api/types";
import { endSession } from "../auth/createSiweAuthenticationAdapter";
import { findDeployment } from "../contracts/findDeployment";
import { formatTokenAmount } from "../format/formatTokenAmount";
import { shortenHex } from "../format/shortenHex";
import styles from "./AccountSection.module.css";
import { TransferTable } from "./TransferTable";
import { TT_DISPLAY } from "./ttDisplay";

export function AccountPanel({ session }: { session: Session }) {
  const queryClient = useQueryClient();
  const { isConnected } = useAccount();
  const { disconnect } = useDisconnect();
  const [signingOut, setSigningOut] = useState(false);
  const ttToken = findDeployment(session.chainId, "TTToken");
  const account = useQuery({
    queryKey: ["account", session.address],
    queryFn: () => getAccount(session.address),
    refetchInterval: 5_000,
  });

  async function handleSignOut() {
    setSigningOut(true);
    await endSession(queryClient);
    if (isConnected) disconnect();
    setSigningOut(false);
  }

  return (
    <section className={styles.panel} aria-labelledby="account-heading">
      <div className={styles.panelHeader}>
        <div>
          <h2 id="account-heading">Your account</h2>
          <p className={styles.address} data-testid="session-address" title={session.address}>
            {session.address}
          </p>
          <p className={styles.muted}>
            Chain {session.chainId} · session until {new Date(session.expiresAt).toLocaleString()}
          </p>
        </div>
        <button type="button" className={styles.secondaryButton} onClick={handleSignOut} disabled={signingOut}>
          {signingOut ? "Signing out…" : "Sign out"}
        </button>
      </div>

      {account.isPending ? <p className={styles.muted}>Loading your account…</p> : null}
      {account.isError ? (
        <p className={styles.notice} role="alert">
          Your account could not be loaded: {account.error.message}
        </p>
      ) : null}

      {account.data ? (
        <>
          <div className={styles.cards}>
            <div className={styles.card}>
              <h3>TT balance</h3>
              <p className={styles.balance} data-testid="tt-balance">
                {formatTokenAmount(account.data.tt.balance, TT_DISPLAY)}
              </p>
              {ttToken ? (
                <p className={styles.muted} title={ttToken.address}>
                  TTToken <span className={styles.mono}>{shortenHex(ttToken.address)}</span> on chain {session.chainId}
                </p>
              ) : null}
            </div>
            <div className={styles.card}>
              <h3>Memberships</h3>
              {account.data.memberships.length === 0 ? (
                <p className={styles.muted}>No organisation memberships yet.</p>
              ) : (
                <ul className={styles.memberships}>
                  {account.data.memberships.map((membership) => (
                    <li key={membership.organizationId} data-testid="membership-row">
                      <span>{membership.organizationName}</span>
                      <span className={styles.role}>{membership.role}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>

          <div className={styles.card}>
            <h3>Recent TT transfers</h3>
            <TransferTable owner={session.address} transfers={account.data.tt.transfers} />
          </div>
        </>
      ) : null}
    </section>
  );
}
