import type { Context } from "ponder:registry";
import { marketStats } from "ponder:schema";
import { EMPTY_MARKET_COUNTERS, type MarketChange, marketStatsAfter } from "../lib/marketStatsAfter";

/** The one row of market counters. */
export const MARKET_STATS_ID = "market";

export async function updateMarketStats(context: Context, change: MarketChange): Promise<void> {
  await context.db
    .insert(marketStats)
    .values({ id: MARKET_STATS_ID, ...marketStatsAfter(EMPTY_MARKET_COUNTERS, change) })
    .onConflictDoUpdate((row) => marketStatsAfter(row, change));
}
