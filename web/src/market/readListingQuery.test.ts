import { describe, expect, it } from "vitest";
import { listPaymentTokens } from "../contracts/paymentTokens";
import { readListingQuery } from "./readListingQuery";

const [tt, stable] = listPaymentTokens(31337);

describe("readListingQuery", () => {
  it("turns whole-token prices into the token's smallest unit", () => {
    expect(readListingQuery({ token: tt?.address, minPrice: "1.5", maxPrice: "300" })).toEqual({
      paymentToken: tt?.address,
      minPrice: "1500000000000000000",
      maxPrice: "300000000000000000000",
    });
    expect(readListingQuery({ token: stable?.address, maxPrice: "7" }).maxPrice).toBe("7000000");
  });

  it("drops price bounds without a token, and anything that is not a number or a known sort", () => {
    expect(readListingQuery({ minPrice: "10", minHealth: "abc", sort: "drop table" })).toEqual({});
  });

  it("keeps model, chemistry, a state-of-health floor and the sort", () => {
    expect(readListingQuery({ model: " City ", chemistry: "LFP", minHealth: "80", sort: "price_asc" })).toEqual({
      model: "City",
      chemistry: "LFP",
      minStateOfHealth: 80,
      sort: "price_asc",
    });
  });
});
