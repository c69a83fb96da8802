import { ponder } from "ponder:registry";
import { feeDaily, feeDistribution, feeEvent } from "ponder:schema";
import { eventMeta } from "./lib/eventMeta";
import { FeeKind, getEnumLabel } from "./lib/onchainEnums";
import { utcDay } from "./lib/utcDay";
import { recordParameterChange } from "./shared/recordParameterChange";

ponder.on("FeeRouter:FeeEvent", async ({ event, context }) => {
  const { payer, token, amount, ref } = event.args;
  const kind = getEnumLabel(FeeKind, event.args.kind);
  const day = utcDay(event.block.timestamp);
  await context.db.insert(feeEvent).values({ id: event.id, kind, payer, token, amount, ref, day, ...eventMeta(event) });
  await context.db
    .insert(feeDaily)
    .values({ kind, token, day, amount, count: 1 })
    .onConflictDoUpdate((row) => ({ amount: row.amount + amount, count: row.count + 1 }));
});

ponder.on("FeeRouter:FeesDistributed", async ({ event, context }) => {
  const { token, toStakers, toTreasury } = event.args;
  await context.db.insert(feeDistribution).values({ id: event.id, token, toStakers, toTreasury, ...eventMeta(event) });
});

ponder.on("FeeRouter:TreasuryUpdated", async ({ event, context }) => {
  await recordParameterChange(context, event, "treasury", event.args.previousTreasury, event.args.newTreasury);
});

ponder.on("FeeRouter:StakerShareUpdated", async ({ event, context }) => {
  const { previousBps, newBps } = event.args;
  await recordParameterChange(context, event, "stakerShareBps", BigInt(previousBps), BigInt(newBps));
});
