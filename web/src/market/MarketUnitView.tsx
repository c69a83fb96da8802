"use client";

import { useQuery } from "@tanstack/react-query";
import { useAccount, useChainId } from "wagmi";
import { findTokenDisplay } from "../contracts/paymentTokens";
import { formatTokenAmount } from "../format/formatTokenAmount";
import { shortenHex } from "../format/shortenHex";
import type { MarketUnit } from "./marketTypes";
import { marketUnitQuery } from "./marketUnitQuery";

const date = (iso: string) => new Date(iso).toLocaleString();
const dateFromSeconds = (seconds: string) => new Date(Number(seconds) * 1000).toLocaleString();

export function MarketUnitView({ unitId, initialUnit }: { unitId: string; initialUnit?: MarketUnit }) {
  const chainId = useChainId();
  const { address } = useAccount();
  const query = useQuery({ ...marketUnitQuery(unitId), initialData: initialUnit });
  if (query.isPending) return <p className="muted">Loading the unit…</p>;
  if (query.isError) {
    return (
      <p className="notice notice-danger" role="alert">
        This unit cannot be shown right now: {query.error.message}
      </p>
    );
  }
  const unit = query.data;
  const summary = unit.unit;
  const activeListing = unit.history.listings.find((listing) => listing.listingId === unit.activeListingId);
  const me = address?.toLowerCase();

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <p className="muted">{summary.manufacturerName ?? "Unknown manufacturer"}</p>
          <h1>
            {summary.modelName ?? "Unit"} {summary.serialNumber ? `· ${summary.serialNumber}` : ""}
          </h1>
          <p>
            Unit token <code title={unit.unit.unitId}>{shortenHex(unit.unit.unitId, 6)}</code>
          </p>
        </div>
        <a className="button button-secondary" href={`/p/${encodeURIComponent(summary.passportPublicId)}`}>
          Check its passport against the chain
        </a>
      </div>

      <dl className="figures">
        <div className="figure">
          <dt>Chemistry</dt>
          <dd>{summary.chemistry ?? "—"}</dd>
        </div>
        <div className="figure">
          <dt>State of health</dt>
          <dd>{summary.stateOfHealthPct === null ? "—" : `${summary.stateOfHealthPct} %`}</dd>
        </div>
        <div className="figure">
          <dt>Passport on chain</dt>
          <dd data-testid="unit-anchor">
            {unit.anchor === null
              ? "not anchored"
              : unit.anchor.isRevoked
                ? "latest version revoked"
                : `version ${unit.anchor.latestVersion}`}
          </dd>
        </div>
        <div className="figure">
          <dt>Owner</dt>
          <dd className="mono" data-testid="unit-owner" title={unit.owner}>
            {me === unit.owner ? "you" : shortenHex(unit.owner)}
          </dd>
        </div>
      </dl>

      <section className="card" aria-labelledby="sale-heading">
        <h2 id="sale-heading">Sale</h2>
        {activeListing ? (
          <p data-testid="active-listing">
            For sale at{" "}
            <strong>
              {formatTokenAmount(activeListing.price, findTokenDisplay(chainId, activeListing.paymentToken))}
            </strong>{" "}
            by {me === activeListing.seller ? "you" : shortenHex(activeListing.seller)}.
          </p>
        ) : (
          <p className="muted">Not for sale.</p>
        )}
      </section>

      <section className="stack" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <h3>Owners</h3>
        {unit.history.owners.length === 0 ? (
          <p className="empty">No transfer yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </tr>
              </thead>
              <tbody>
                {unit.history.owners.map((transfer) => (
                  <tr key={`${transfer.transactionHash}-${transfer.to}`}>
                    <td>{date(transfer.at)}</td>
                    <td className="mono">{shortenHex(transfer.from)}</td>
                    <td className="mono">{shortenHex(transfer.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Listings</h3>
        {unit.history.listings.length === 0 ? (
          <p className="empty">Never listed.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Listed</th>
                  <th scope="col">Seller</th>
                  <th scope="col" className="number">
                    Price
                  </th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {unit.history.listings.map((listing) => (
                  <tr key={listing.listingId} data-testid="unit-listing-row">
                    <td>{date(listing.createdAt)}</td>
                    <td className="mono">{shortenHex(listing.seller)}</td>
                    <td className="number">
                      {formatTokenAmount(listing.price, findTokenDisplay(chainId, listing.paymentToken))}
                    </td>
                    <td>{listing.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Leases</h3>
        {unit.history.leases.length === 0 ? (
          <p className="empty">Never leased.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Lessor</th>
                  <th scope="col">Lessee</th>
                  <th scope="col">Runs</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {unit.history.leases.map((lease) => (
                  <tr key={lease.leaseId}>
                    <td className="mono">{shortenHex(lease.lessor)}</td>
                    <td className="mono">{lease.lessee ? shortenHex(lease.lessee) : "—"}</td>
                    <td>
                      {lease.startsAt === "0"
                        ? "not started"
                        : `${dateFromSeconds(lease.startsAt)} – ${dateFromSeconds(lease.endsAt)}`}
                    </td>
                    <td>{lease.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Repairs</h3>
        {unit.history.repairs.length === 0 ? (
          <p className="empty">No repair recorded.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Service provider</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {unit.history.repairs.map((repair) => (
                  <tr key={repair.repairId}>
                    <td>{date(repair.at)}</td>
                    <td className="mono">{shortenHex(repair.provider)}</td>
                    <td>{repair.decision}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
