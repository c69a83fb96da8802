import { ponder } from "ponder:registry";
import { tokenApproval, ttAccount, ttTransfer } from "ponder:schema";
import { zeroAddress } from "viem";
import { eventMeta } from "./lib/eventMeta";

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
  await context.db
    .insert(ttTransfer)
    .values({ id: event.id, from, to, amount: value, ...eventMeta(event), logIndex: event.log.logIndex });
});

ponder.on("TTToken:Approval", async ({ event, context }) => {
  const { owner, spender, value } = event.args;
  await context.db
    .insert(tokenApproval)
    .values({ id: event.id, token: event.log.address, owner, spender, amount: value, ...eventMeta(event) });
});
