"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useAccount, useConfig } from "wagmi";
import { getAccount } from "../api/a360Api";
import { anchorBatchWithWallet } from "./anchorBatchWithWallet";
import { confirmPassportBatch, listPassportBatches, preparePassportBatch } from "./anchoringApi";
import { findWorkspaceMembership } from "./findWorkspaceMembership";
import { OrganizationPicker } from "./OrganizationPicker";
import { RevokeBatchButton } from "./RevokeBatchButton";

/**
 * The manufacturer's anchoring desk for the organization named in the URL (`organizationId`, else
 * the first manufacturer membership): prepare a batch of changed passports, anchor it with the
 * wallet, see batches and revoke anchored ones.
 */
export function AnchoringPanel({ organizationId }: { organizationId?: string }) {
  const { address, chainId } = useAccount();
  const config = useConfig();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const account = useQuery({ queryKey: ["account", address], queryFn: () => getAccount(address!), enabled: !!address });
  const memberships = account.data?.memberships ?? [];
  const organization = findWorkspaceMembership(memberships, organizationId);
  const canAnchor = organization?.canAnchorPassports === true;
  const batches = useQuery({
    queryKey: ["passport-batches", organization?.organizationId],
    queryFn: () => listPassportBatches(organization!.organizationId),
    enabled: canAnchor,
  });

  if (!address) return <p>Connect the manufacturer wallet and sign in.</p>;
  if (account.isError) return <p>Sign in to see your organisation.</p>;
  if (!account.data) return <p>Loading your organisation…</p>;
  const picker = <OrganizationPicker memberships={memberships} selected={canAnchor ? organization : undefined} />;
  if (!canAnchor) {
    return (
      <section>
        <h2>Anchor passports</h2>
        {picker}
        <p data-testid="anchoring-unavailable">
          {organization
            ? `You may not anchor passports of ${organization.organizationName} (a ${organization.organizationKind.toLowerCase()} where you are ${organization.role.toLowerCase()}).`
            : memberships.some((membership) => membership.canAnchorPassports)
              ? "Choose one of your manufacturer organizations."
              : "None of your organizations lets you anchor passports."}
        </p>
      </section>
    );
  }

  const anchor = async () => {
    setBusy(true);
    setMessage("Preparing the batch…");
    try {
      const batch = await preparePassportBatch(organization.organizationId);
      if (!batch) {
        setMessage("Every passport version is anchored: nothing to do.");
        return;
      }
      setMessage(`Anchoring ${batch.leafCount} passport versions (approve the TT fee, then the batch)…`);
      const hash = await anchorBatchWithWallet(config, chainId ?? 31337, address, batch);
      const confirmed = await confirmPassportBatch(organization.organizationId, batch.id);
      setMessage(`Batch ${confirmed.status.toLowerCase()} in ${hash}`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message.split("\n")[0] : String(error));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ["passport-batches"] });
    }
  };

  return (
    <section>
      <h2>Anchor passports · {organization.organizationName}</h2>
      {memberships.length > 1 ? picker : null}
      <p>
        Every passport whose data changed since its last anchoring gets a new version; one transaction anchors them all.
      </p>
      <button type="button" onClick={anchor} disabled={isBusy} data-testid="anchor-batch">
        Prepare and anchor a batch
      </button>
      {message ? <p data-testid="anchor-message">{message}</p> : null}
      <table>
        <thead>
          <tr>
            <th>Prepared</th>
            <th>Versions</th>
            <th>Status</th>
            <th>Block</th>
            <th>Root</th>
            <th>Revocation</th>
          </tr>
        </thead>
        <tbody>
          {(batches.data ?? []).map((batch) => (
            <tr key={batch.id} data-testid="passport-batch" data-status={batch.status} data-root={batch.root}>
              <td>{new Date(batch.preparedAt).toLocaleString()}</td>
              <td>{batch.leafCount}</td>
              <td>{batch.status}</td>
              <td>{batch.anchoring?.blockNumber ?? "–"}</td>
              <td>
                <code>{batch.root.slice(0, 18)}…</code>
              </td>
              <td>
                {batch.status === "ANCHORED" ? (
                  <RevokeBatchButton
                    organizationId={organization.organizationId}
                    batch={batch}
                    onMessage={setMessage}
                  />
                ) : batch.revocation ? (
                  `revoked in block ${batch.revocation.blockNumber}`
                ) : (
                  "–"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
