import { onchainTable } from "ponder";

/**
 * One row per event, nothing else. The transaction hash is there because the indexer's tables
 * carry it: both apps then need the same RPC data, and the comparison measures indexing.
 */
export const eventRow = onchainTable("event_row", (t) => ({
  id: t.text().primaryKey(),
  contract: t.hex().notNull(),
  name: t.text().notNull(),
  blockNumber: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));
