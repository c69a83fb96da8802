import { ponder } from "ponder:registry";
import { ttAccount, ttTransfer } from "ponder:schema";
import { zeroAddress } from "viem";

ponder.on("TTToken:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;

  if (from !== zeroAddress) {
    await context.db
      .insert(ttAccount)
      .values({ address: from, balance: -value })
      .onConflictDoUpdate((row) => ({ balance: row.balance - value }));
  }
  if (to !== zeroAddress) {
    await context.db
      .insert(ttAccount)
      .values({ address: to, balance: value })
      .onConflictDoUpdate((row) => ({ balance: row.balance + value }));
  }

  await context.db.insert(ttTransfer).values({
    id: event.id,
    from,
    to,
    amount: value,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
});
