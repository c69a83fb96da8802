import { describe, expect, it } from "vitest";
import { EMPTY_MARKET_COUNTERS, type MarketChange, marketStatsAfter } from "../../src/lib/marketStatsAfter";

const countersAfter = (...changes: MarketChange[]) => changes.reduce(marketStatsAfter, EMPTY_MARKET_COUNTERS);

describe("marketStatsAfter", () => {
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

  it("leaves its input unchanged", () => {
    const counters = { ...EMPTY_MARKET_COUNTERS };
    marketStatsAfter(counters, "ListingCreated");
    expect(counters).toEqual(EMPTY_MARKET_COUNTERS);
  });
});
