import { connection } from "next/server";
import { createServerApiClient, getApiData } from "../../../api/apiClient";
import { getServerApiUrl } from "../../../api/getServerApiUrl";
import { listPaymentTokens } from "../../../contracts/paymentTokens";
import { ListingTable } from "../../../market/ListingTable";
import { DEFAULT_CHAIN_ID, type MarketListing } from "../../../market/marketTypes";
import { type ListingSearch, readListingQuery } from "../../../market/readListingQuery";

export const metadata = { title: "Market" };

const SORT_LABELS = {
  newest: "Newest first",
  price_asc: "Price, lowest first",
  price_desc: "Price, highest first",
  health_desc: "State of health, best first",
} as const;

/** Units for sale: filters in the address (a plain GET form, so a filtered page can be shared and reloaded). */
export default async function MarketPage({ searchParams }: { searchParams: Promise<ListingSearch> }) {
  await connection();
  const search = await searchParams;
  const tokens = listPaymentTokens(DEFAULT_CHAIN_ID);
  let listings: MarketListing[] | undefined;
  let failure: string | undefined;
  try {
    const answer = await getApiData(
      createServerApiClient(getServerApiUrl()).GET("/market/listings", { params: { query: readListingQuery(search) } }),
    );
    listings = answer.items;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Market</h1>
          <p>
            Units for sale with their passports. The contract holds each unit until it is bought or the listing is
            cancelled.
          </p>
        </div>
        <a className="button button-secondary" href="/market/mine">
          My listings
        </a>
      </div>

      <form className="card" method="get" action="/market" aria-label="Filter listings">
        <div className="form-grid">
          <div className="field">
            <label htmlFor="model">Model</label>
            <input id="model" name="model" defaultValue={search.model ?? ""} placeholder="name or code" />
          </div>
          <div className="field">
            <label htmlFor="chemistry">Chemistry</label>
            <input id="chemistry" name="chemistry" defaultValue={search.chemistry ?? ""} placeholder="e.g. LFP" />
          </div>
          <div className="field">
            <label htmlFor="minHealth">State of health at least (%)</label>
            <input
              id="minHealth"
              name="minHealth"
              type="number"
              min={0}
              max={100}
              defaultValue={search.minHealth ?? ""}
            />
          </div>
          <div className="field">
            <label htmlFor="token">Payment token</label>
            <select id="token" name="token" defaultValue={search.token ?? ""} aria-describedby="token-hint">
              <option value="">Any</option>
              {tokens.map((token) => (
                <option key={token.address} value={token.address}>
                  {token.symbol}
                </option>
              ))}
            </select>
            <span id="token-hint" className="field-hint">
              Price bounds apply once a token is chosen.
            </span>
          </div>
          <div className="field">
            <label htmlFor="minPrice">Price from</label>
            <input id="minPrice" name="minPrice" inputMode="decimal" defaultValue={search.minPrice ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="maxPrice">Price up to</label>
            <input id="maxPrice" name="maxPrice" inputMode="decimal" defaultValue={search.maxPrice ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="sort">Sort by</label>
            <select id="sort" name="sort" defaultValue={search.sort ?? "newest"}>
              {Object.entries(SORT_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="row">
            <button type="submit" className="button">
              Show
            </button>
            <a href="/market">Clear</a>
          </div>
        </div>
      </form>

      {listings ? (
        <ListingTable listings={listings} chainId={DEFAULT_CHAIN_ID} />
      ) : (
        <p className="notice notice-warning" role="alert">
          The listings cannot be shown right now ({failure}).
        </p>
      )}
    </div>
  );
}
