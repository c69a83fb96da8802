import { findTokenDisplay } from "../contracts/paymentTokens";
import { formatTokenAmount } from "../format/formatTokenAmount";
import { shortenHex } from "../format/shortenHex";
import type { MarketListing } from "./marketTypes";

/** Listings as a table (it scrolls inside its box on a phone); each row links to its unit. */
export function ListingTable({
  listings,
  chainId,
  showState,
}: {
  listings: MarketListing[];
  chainId: number;
  showState?: boolean;
}) {
  if (listings.length === 0) return <p className="empty">No listing matches.</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="listing-table">
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Chemistry</th>
            <th scope="col" className="number">
              State of health
            </th>
            <th scope="col" className="number">
              Price
            </th>
            <th scope="col">Seller</th>
            {showState ? <th scope="col">State</th> : null}
          </tr>
        </thead>
        <tbody>
          {listings.map((listing) => (
            <tr key={listing.listingId} data-testid="listing-row" data-listing-id={listing.listingId}>
              <td>
                <a href={`/market/units/${listing.unit.unitId}`}>
                  {listing.unit.modelName ?? "Unit"} {listing.unit.serialNumber ? `· ${listing.unit.serialNumber}` : ""}
                </a>
                <div className="muted">{listing.unit.manufacturerName ?? listing.unit.passportPublicId}</div>
              </td>
              <td>{listing.unit.chemistry ?? "—"}</td>
              <td className="number">
                {listing.unit.stateOfHealthPct === null ? "—" : `${listing.unit.stateOfHealthPct} %`}
              </td>
              <td className="number" data-testid="listing-price">
                {formatTokenAmount(listing.price, findTokenDisplay(chainId, listing.paymentToken))}
              </td>
              <td className="mono" title={listing.seller}>
                {shortenHex(listing.seller)}
              </td>
              {showState ? (
                <td>
                  <span className={`badge ${listing.state === "Active" ? "badge-ok" : ""}`} data-testid="listing-state">
                    {listing.state === "Active" ? "For sale" : listing.state}
                  </span>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
