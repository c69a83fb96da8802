"use client";

import { checkPassportAgainstChain, type PassportVerdict } from "@a360/contracts/passport";
import { useQuery } from "@tanstack/react-query";
import { requestApi } from "../api/requestApi";
import { findChainClient } from "./getChainClient";
import styles from "./PassportVerification.module.css";
import type { PassportDisclosureView } from "./passportTypes";
import { getVerdictTitle } from "./verdictText";

function formatValue(value: unknown, unit: string | null): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return unit ? `${text} ${unit}` : text;
}

async function verify(disclosure: PassportDisclosureView): Promise<PassportVerdict> {
  const chainId = disclosure.anchor?.chainId;
  const client = chainId === undefined ? undefined : findChainClient(chainId);
  if (chainId !== undefined && !client) {
    return {
      status: "chain_unreachable",
      reason: `this site knows no RPC endpoint for chain ${chainId}`,
      entries: disclosure.entries.map((entry) => ({ key: entry.key, isValid: false })),
    };
  }
  // Without an anchor no chain is read; the verdict is "not yet anchored" (entries still checked).
  return checkPassportAgainstChain(client as NonNullable<typeof client>, disclosure);
}

/** The passport behind a QR code, every shown entry checked in this browser against the chain. */
export function PassportVerification({ publicId, version }: { publicId: string; version?: string }) {
  const query = version ? `?version=${encodeURIComponent(version)}` : "";
  const disclosure = useQuery({
    queryKey: ["public-passport", publicId, version],
    queryFn: () =>
      requestApi<PassportDisclosureView>(`/api/v1/public/passports/${encodeURIComponent(publicId)}${query}`),
    retry: false,
  });
  const verdict = useQuery({
    queryKey: ["passport-verdict", publicId, version, disclosure.data?.passportRoot],
    queryFn: () => verify(disclosure.data!),
    enabled: disclosure.data !== undefined,
    retry: false,
  });

  if (disclosure.isPending) return <p className={styles.muted}>Loading the passport…</p>;
  if (disclosure.isError) {
    return (
      <p className={styles.error} data-testid="passport-error">
        This passport could not be loaded: {disclosure.error.message}
      </p>
    );
  }
  const passport = disclosure.data;
  const validity = new Map(verdict.data?.entries.map((entry) => [entry.key, entry.isValid]));
  const categories = new Map<string, PassportDisclosureView["entries"]>();
  for (const entry of passport.entries) {
    const category = entry.category ?? "Identity";
    categories.set(category, [...(categories.get(category) ?? []), entry]);
  }
  const qrBase = `/api/v1/public/passports/${encodeURIComponent(passport.publicId)}/qr`;
  const title = (key: string) => passport.entries.find((entry) => entry.key === key)?.value;

  return (
    <article className={styles.passport}>
      <header className={styles.head}>
        <div>
          <p className={styles.muted}>{String(title("passport.manufacturer") ?? "")}</p>
          <h1>{String(title("passport.model_name") ?? "Battery passport")}</h1>
          <p className={styles.muted}>
            Passport <code>{passport.publicId}</code> · version {passport.version}
          </p>
        </div>
        <a href={`${qrBase}.png`} download={`passport-${passport.publicId}.png`} title="Download the QR code (PNG)">
          {/* biome-ignore lint/performance/noImgElement: an SVG from the api, no optimisation wanted */}
          <img className={styles.qr} src={`${qrBase}.svg`} alt="QR code of this page" width={120} height={120} />
        </a>
      </header>

      {verdict.isPending ? (
        <output className={styles.banner} data-testid="passport-verdict" data-status="checking">
          Checking against the chain…
        </output>
      ) : verdict.data ? (
        <output
          className={`${styles.banner} ${styles[verdict.data.status]}`}
          data-testid="passport-verdict"
          data-status={verdict.data.status}
        >
          <strong>{getVerdictTitle(verdict.data)}</strong>
          <span>{verdict.data.reason}</span>
          {verdict.data.issuer ? (
            <span data-testid="passport-issuer">
              Issued by <strong>{verdict.data.issuer.name || "an organisation the registry has no name for"}</strong>{" "}
              (as the chain records it) · anchored by wallet <code>{verdict.data.issuer.wallet}</code>
            </span>
          ) : null}
          {verdict.data.anchor ? (
            <span className={styles.small}>
              Chain {verdict.data.anchor.chainId} · block {verdict.data.anchor.blockNumber?.toString() ?? "?"} ·{" "}
              {verdict.data.anchor.anchoredAt.toLocaleString()} · batch <code>{verdict.data.anchor.batchRoot}</code> ·
              registry <code>{verdict.data.anchor.registry}</code>
            </span>
          ) : null}
        </output>
      ) : (
        <output
          className={`${styles.banner} ${styles.chain_unreachable}`}
          data-testid="passport-verdict"
          data-status="chain_unreachable"
        >
          <strong>Chain unreachable</strong>
          <span>{verdict.error?.message}</span>
        </output>
      )}

      {passport.readerAccess !== "PUBLIC" ? (
        <p className={styles.muted}>You see attributes beyond the public ones because of your organisation's access.</p>
      ) : null}

      {[...categories].map(([category, entries]) => (
        <section key={category} className={styles.category}>
          <h2>{category}</h2>
          <dl>
            {entries.map((entry) => {
              const isValid = validity.get(entry.key);
              return (
                <div
                  key={entry.key}
                  className={styles.entry}
                  data-testid="passport-entry"
                  data-key={entry.key}
                  data-valid={String(isValid)}
                >
                  <dt>{entry.name ?? entry.key}</dt>
                  <dd>
                    {formatValue(entry.value, entry.unit)}{" "}
                    <span
                      className={isValid ? styles.ok : styles.bad}
                      title={isValid ? "proven against the passport hash" : "not proven"}
                    >
                      {isValid === undefined ? "…" : isValid ? "✓" : "✗"}
                    </span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}

      <footer className={styles.small}>
        Passport hash <code>{passport.passportRoot}</code>. Check it yourself:{" "}
        <code>pnpm verify {passport.publicId} --rpc &lt;url&gt;</code>
      </footer>
    </article>
  );
}
