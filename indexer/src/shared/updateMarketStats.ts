import type { Context } from "ponder:registry";
import { marketStats } from "ponder:schema";
import { changedMarketCounters, EMPTY_MARKET_COUNTERS, type MarketChange } from "../lib/changedMarketCounters";

/** The one row of market counters. */
export const MARKET_STATS_ID = "market";

export async function updateMarketStats(context: Context, change: MarketChange): Promise<void> {
  await context.db
    .insert(marketStats)
    .values({ id: MARKET_STATS_ID, ...EMPTY_MARKET_COUNTERS, ...changedMarketCounters(EMPTY_MARKET_COUNTERS, change) })
    .onConflictDoUpdate((row) => changedMarketCounters(row, change));
}
