import { index, onchainTable } from "ponder";

/** Current TT balance per account, kept up to date by Transfer events. */
export const ttAccount = onchainTable("tt_account", (t) => ({
  address: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
}));

/** Every TT transfer, mints and burns included; keyed by the log's event id. */
export const ttTransfer = onchainTable(
  "tt_transfer",
  (t) => ({
    id: t.text().primaryKey(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    fromIdx: index().on(table.from),
    toIdx: index().on(table.to),
    blockIdx: index().on(table.blockNumber),
  }),
);
