import { ponder } from "ponder:registry";
import { repair } from "ponder:schema";
import { getEnumLabel, RepairDecision } from "./lib/onchainEnums";
import { recordParameterChange } from "./shared/recordParameterChange";

ponder.on("RepairRegistry:RepairRecorded", async ({ event, context }) => {
  const { repairId, unitId, provider, formHash, fee } = event.args;
  await context.db.insert(repair).values({
    ...{ id: repairId, unitId, provider, formHash, fee },
    decision: getEnumLabel(RepairDecision, event.args.decision),
    time: event.block.timestamp,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
});

ponder.on("RepairRegistry:RepairFeeUpdated", async ({ event, context }) => {
  await recordParameterChange(context, event, "repairFee", event.args.previousFee, event.args.newFee);
});
