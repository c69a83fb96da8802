import { describe, expect, it } from "vitest";
import {
  changedMarketCounters,
  EMPTY_MARKET_COUNTERS,
  type MarketChange,
  type MarketCounters,
} from "../../src/lib/changedMarketCounters";

function countersAfter(...changes: MarketChange[]): MarketCounters {
  const counters = { ...EMPTY_MARKET_COUNTERS };
  for (const change of changes) Object.assign(counters, changedMarketCounters(counters, change));
  return counters;
}

describe("changedMarketCounters", () => {
  it("counts a new listing as active", () => {
    expect(countersAfter("ListingCreated")).toMatchObject({ activeListings: 1, listingsCreated: 1 });
  });

  it("counts a sold listing as sold and no longer active", () => {
    expect(countersAfter("ListingCreated", "ListingSold")).toMatchObject({ activeListings: 0, listingsSold: 1 });
  });

  it("counts a cancelled listing as no longer active", () => {
    expect(countersAfter("ListingCreated", "ListingCancelled")).toMatchObject({ activeListings: 0, listingsSold: 0 });
  });

  it("moves an accepted offer from offered to active", () => {
    expect(countersAfter("LeaseOffered", "LeaseAccepted")).toMatchObject({
      offeredLeases: 0,
      activeLeases: 1,
      leasesOffered: 1,
    });
  });

  it("counts an ended lease as no longer active", () => {
    expect(countersAfter("LeaseOffered", "LeaseAccepted", "LeaseEnded")).toMatchObject({ activeLeases: 0 });
  });

  it("counts a withdrawn offer as no longer offered", () => {
    expect(countersAfter("LeaseOffered", "LeaseOfferCancelled")).toMatchObject({ offeredLeases: 0, leasesOffered: 1 });
  });

  it("returns only the counters the change moves", () => {
    expect(changedMarketCounters(EMPTY_MARKET_COUNTERS, "ListingSold")).toEqual({
      activeListings: -1,
      listingsSold: 1,
    });
  });

  it("leaves its input unchanged", () => {
    const counters = { ...EMPTY_MARKET_COUNTERS };
    changedMarketCounters(counters, "ListingCreated");
    expect(counters).toEqual(EMPTY_MARKET_COUNTERS);
  });
});
