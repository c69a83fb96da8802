"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { isApiError } from "../api/ApiError";
import { type PassportBatch, recordPassportBatchRevocation } from "./anchoringApi";
import { revokeBatchWithWallet } from "./revokeBatchWithWallet";

/**
 * Revokes one anchored batch: asks to confirm, sends PassportRegistry.revokeBatch(root) from the
 * connected wallet, then has the api record the revocation from the chain.
 */
export function RevokeBatchButton({
  organizationId,
  batch,
  onMessage,
}: {
  organizationId: string;
  batch: PassportBatch;
  /** Shown outside the row, which turns into a revoked one once the revocation is recorded. */
  onMessage: (message: string) => void;
}) {
  const { address, chainId } = useAccount();
  const config = useConfig();
  const queryClient = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const revoke = async () => {
    if (!address) {
      onMessage("Connect the organisation's manufacturer wallet first.");
      return;
    }
    setBusy(true);
    onMessage("Revoking on chain (confirm in your wallet)…");
    let hash: `0x${string}` | undefined;
    try {
      hash = await revokeBatchWithWallet(config, chainId ?? 31337, address, batch.root);
      const revoked = await recordPassportBatchRevocation(organizationId, batch.id);
      onMessage(`Batch revoked in block ${revoked.revocation?.blockNumber ?? "?"} (${hash})`);
      setConfirming(false);
    } catch (error) {
      const reason = isApiError(error) ? (error.problem.detail ?? error.problem.title) : (error as Error).message;
      // Once mined, the api's own reading of the chain records the revocation even if this request failed.
      onMessage(hash ? `Revoked on chain in ${hash}; the api has not recorded it yet: ${reason}` : reason);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ["passport-batches"] });
    }
  };

  return (
    <span>
      {isConfirming ? (
        <span data-testid="revoke-confirmation">
          Revoke this batch for good? Its {batch.leafCount} passport versions will read as revoked to everyone.{" "}
          <button type="button" onClick={revoke} disabled={isBusy} data-testid="confirm-revoke">
            Revoke on chain
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)} disabled={isBusy}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} data-testid="revoke-batch">
          Revoke
        </button>
      )}
    </span>
  );
}
