import type { components, paths } from "../api/generated/openapi";

export type MarketListing = components["schemas"]["MarketListing"];
export type MarketUnit = components["schemas"]["MarketUnit"];
export type MarketUnitSummary = components["schemas"]["MarketUnitSummary"];
export type ListingQuery = NonNullable<paths["/market/listings"]["get"]["parameters"]["query"]>;
export type HeldUnit = paths["/market/units"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** The chain whose deployment a server-rendered page formats amounts for (the wallet's chain in the browser). */
export const DEFAULT_CHAIN_ID = 31337;
