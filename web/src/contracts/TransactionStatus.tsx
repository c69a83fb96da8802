import type { TransactionState } from "./useA360Write";

const TEXT: Record<Exclude<TransactionState["status"], "idle">, string> = {
  simulating: "Checking with the contract…",
  wallet: "Waiting for your wallet: confirm the transaction there.",
  pending: "Sent; waiting for the block…",
  confirmed: "Confirmed on chain.",
  failed: "Failed.",
};

/** A transaction's state in words, announced to screen readers as it changes. */
export function TransactionStatus({ state }: { state: TransactionState }) {
  if (state.status === "idle") return <output aria-live="polite" />;
  const tone = state.status === "failed" ? "notice-danger" : state.status === "confirmed" ? "notice-ok" : "";
  return (
    <output className={`notice ${tone}`} aria-live="polite" data-testid="transaction-status" data-status={state.status}>
      <strong>{state.label}:</strong> {TEXT[state.status]} {state.status === "failed" ? state.message : null}
      {"hash" in state && state.hash ? <span className="muted mono"> ({state.hash.slice(0, 10)}…)</span> : null}
    </output>
  );
}
