import { parseUnits } from "viem";
import { listPaymentTokens } from "../contracts/paymentTokens";
import { DEFAULT_CHAIN_ID, type ListingQuery } from "./marketTypes";

export type ListingSearch = Partial<
  Record<"model" | "chemistry" | "minHealth" | "token" | "minPrice" | "maxPrice" | "sort", string>
>;

const SORTS = ["newest", "price_asc", "price_desc", "health_desc"] as const;

function toWei(amount: string | undefined, decimals: number): string | undefined {
  if (!amount || !/^\d+(\.\d+)?$/.test(amount.trim())) return undefined;
  return parseUnits(amount.trim(), decimals).toString();
}

/**
 * The market form's fields (what a person typed: prices in whole tokens) as the api's query (prices in
 * the token's smallest unit). A price bound needs a token, since amounts of two tokens do not compare.
 */
export function readListingQuery(search: ListingSearch): ListingQuery {
  const token = listPaymentTokens(DEFAULT_CHAIN_ID).find((candidate) => candidate.address === search.token);
  const query: ListingQuery = {};
  if (search.model?.trim()) query.model = search.model.trim();
  if (search.chemistry?.trim()) query.chemistry = search.chemistry.trim();
  const minHealth = Number(search.minHealth);
  if (search.minHealth && Number.isFinite(minHealth) && minHealth >= 0 && minHealth <= 100) {
    query.minStateOfHealth = minHealth;
  }
  if (token) {
    query.paymentToken = token.address;
    query.minPrice = toWei(search.minPrice, token.decimals);
    query.maxPrice = toWei(search.maxPrice, token.decimals);
  }
  const sort = SORTS.find((candidate) => candidate === search.sort);
  if (sort) query.sort = sort;
  return query;
}
