import type { ChainMirror } from "../chain/ChainMirror.ts";
import {
  type MarketUnitSummary,
  type MarketUnitSummaryRow,
  selectMarketUnitSummary,
  toMarketUnitSummary,
} from "./MarketUnitSummary.ts";

export const LISTING_SORTS = ["newest", "price_asc", "price_desc", "health_desc"] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

export interface ListingFilters {
  /** Part of the model's name or code, any case. */
  model?: string;
  chemistry?: string;
  minStateOfHealthPct?: number;
  minPrice?: bigint;
  maxPrice?: bigint;
  paymentToken?: string;
  seller?: string;
  /** Active (default) or every state. */
  state?: "Active" | "Sold" | "Cancelled" | "any";
  sort?: ListingSort;
  limit: number;
}

export interface MarketListing {
  listingId: bigint;
  seller: string;
  paymentToken: string;
  price: bigint;
  feeBps: number;
  state: string;
  buyer: string | null;
  createdAt: Date;
  unit: MarketUnitSummary;
}

const ORDER: Record<ListingSort, string> = {
  newest: "x.created_at_block desc, x.id desc",
  price_asc: "x.price asc, x.id desc",
  price_desc: "x.price desc, x.id desc",
  health_desc: "x.state_of_health_pct desc nulls last, x.id desc",
};

/** Listings of the chain mirror with their units' passport summaries, filtered and sorted. */
export async function listMarketListings(mirror: ChainMirror, filters: ListingFilters): Promise<MarketListing[]> {
  const s = `"${mirror.schema}"`;
  const unit = selectMarketUnitSummary();
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  const state = filters.state ?? "Active";
  if (state !== "any") add((p) => `x.state = ${p}`, state);
  if (filters.model)
    add((p) => `(x.model_name ilike ${p} or x.model_code ilike ${p})`, `%${escapeLike(filters.model)}%`);
  if (filters.chemistry) add((p) => `lower(x.chemistry) = lower(${p})`, filters.chemistry);
  if (filters.minStateOfHealthPct !== undefined)
    add((p) => `x.state_of_health_pct >= ${p}`, filters.minStateOfHealthPct);
  if (filters.minPrice !== undefined) add((p) => `x.price >= ${p}::numeric`, filters.minPrice.toString());
  if (filters.maxPrice !== undefined) add((p) => `x.price <= ${p}::numeric`, filters.maxPrice.toString());
  if (filters.paymentToken) add((p) => `x.payment_token = ${p}`, filters.paymentToken.toLowerCase());
  if (filters.seller) add((p) => `x.seller = ${p}`, filters.seller.toLowerCase());

  const rows = await mirror.query<
    MarketUnitSummaryRow & {
      listing_id: string;
      seller: string;
      payment_token: string;
      price_text: string;
      fee_bps: number;
      state: string;
      buyer: string | null;
      created_at: string;
    }
  >(
    `select * from (
       select l.id::text as listing_id, l.seller, l.payment_token, l.price, l.price::text as price_text, l.fee_bps,
              l.state::text as state, l.buyer, l.created_at::text as created_at, l.created_at_block, l.id,
              ${unit.columns}
         from ${s}.listing l
         join ${s}.unit u on u.id = l.unit_id
         ${unit.joins}
     ) x
     ${where.length > 0 ? `where ${where.join(" and ")}` : ""}
     order by ${ORDER[filters.sort ?? "newest"]}
     limit ${Math.trunc(filters.limit)}`,
    ...params,
  );
  return rows.map((row) => ({
    listingId: BigInt(row.listing_id),
    seller: row.seller.toLowerCase(),
    paymentToken: row.payment_token.toLowerCase(),
    price: BigInt(row.price_text),
    feeBps: row.fee_bps,
    state: row.state,
    buyer: row.buyer?.toLowerCase() ?? null,
    createdAt: new Date(Number(row.created_at) * 1000),
    unit: toMarketUnitSummary(row),
  }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
