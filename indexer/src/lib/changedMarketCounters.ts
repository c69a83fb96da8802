/** What happened in the market, as far as the dashboard counters care. */
export type MarketChange =
  | "ListingCreated"
  | "ListingSold"
  | "ListingCancelled"
  | "LeaseOffered"
  | "LeaseOfferCancelled"
  | "LeaseAccepted"
  | "LeaseEnded";

export interface MarketCounters {
  activeListings: number;
  listingsCreated: number;
  listingsSold: number;
  offeredLeases: number;
  activeLeases: number;
  leasesOffered: number;
}

export const EMPTY_MARKET_COUNTERS: MarketCounters = {
  activeListings: 0,
  listingsCreated: 0,
  listingsSold: 0,
  offeredLeases: 0,
  activeLeases: 0,
  leasesOffered: 0,
};

type CounterStep = readonly [counter: keyof MarketCounters, step: 1 | -1];

const COUNTER_STEPS: Record<MarketChange, readonly CounterStep[]> = {
  ListingCreated: [
    ["activeListings", 1],
    ["listingsCreated", 1],
  ],
  ListingSold: [
    ["activeListings", -1],
    ["listingsSold", 1],
  ],
  ListingCancelled: [["activeListings", -1]],
  LeaseOffered: [
    ["offeredLeases", 1],
    ["leasesOffered", 1],
  ],
  LeaseOfferCancelled: [["offeredLeases", -1]],
  LeaseAccepted: [
    ["offeredLeases", -1],
    ["activeLeases", 1],
  ],
  LeaseEnded: [["activeLeases", -1]],
};

/**
 * The counters `change` moves, with their values after it; the others are left out. The handlers
 * pass Ponder's copy-on-write row proxy as `counters`, and reading every counter through it (let
 * alone spreading it) is a measurable cost on every market event.
 */
export function changedMarketCounters(counters: MarketCounters, change: MarketChange): Partial<MarketCounters> {
  const changed: Partial<MarketCounters> = {};
  for (const [counter, step] of COUNTER_STEPS[change]) changed[counter] = counters[counter] + step;
  return changed;
}
