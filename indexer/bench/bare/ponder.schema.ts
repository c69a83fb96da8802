import { onchainTable } from "ponder";

/** One row per event, nothing else. */
export const eventRow = onchainTable("event_row", (t) => ({
  id: t.text().primaryKey(),
  contract: t.hex().notNull(),
  name: t.text().notNull(),
  blockNumber: t.bigint().notNull(),
}));
