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

/** The counters after `change`. */
export function marketStatsAfter(counters: MarketCounters, change: MarketChange): MarketCounters {
  const next = { ...counters };
  switch (change) {
    case "ListingCreated":
      next.activeListings += 1;
      next.listingsCreated += 1;
      break;
    case "ListingSold":
      next.activeListings -= 1;
      next.listingsSold += 1;
      break;
    case "ListingCancelled":
      next.activeListings -= 1;
      break;
    case "LeaseOffered":
      next.offeredLeases += 1;
      next.leasesOffered += 1;
      break;
    case "LeaseOfferCancelled":
      next.offeredLeases -= 1;
      break;
    case "LeaseAccepted":
      next.offeredLeases -= 1;
      next.activeLeases += 1;
      break;
    case "LeaseEnded":
      next.activeLeases -= 1;
      break;
  }
  return next;
}
