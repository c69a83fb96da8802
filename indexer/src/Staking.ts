import { ponder } from "ponder:registry";
import {
  rewardFunding,
  rewardPayment,
  rewardTotal,
  stakeEvent,
  stakePosition,
  staker,
  stakingRoleTotal,
} from "ponder:schema";
import { eventMeta } from "./lib/eventMeta";
import { getEnumLabel, StakeRole } from "./lib/onchainEnums";

ponder.on("Staking:Staked", async ({ event, context }) => {
  const { positionId, owner, amount, unlocksAt } = event.args;
  const role = getEnumLabel(StakeRole, event.args.role);
  const at = event.block.timestamp;
  await context.db.insert(stakePosition).values({
    id: positionId,
    owner,
    role,
    amount,
    stakedAmount: amount,
    withdrawnAmount: 0n,
    unlocksAt,
    openedAt: at,
    updatedAt: at,
  });
  await context.db
    .insert(staker)
    .values({ address: owner, staked: amount, rewardsClaimed: 0n, positionCount: 1 })
    .onConflictDoUpdate((row) => ({ staked: row.staked + amount, positionCount: row.positionCount + 1 }));
  await context.db
    .insert(stakingRoleTotal)
    .values({ role, staked: amount, openPositions: 1 })
    .onConflictDoUpdate((row) => ({ staked: row.staked + amount, openPositions: row.openPositions + 1 }));
  await context.db
    .insert(stakeEvent)
    .values({ id: event.id, positionId, owner, role, kind: "Staked", amount, remaining: amount, ...eventMeta(event) });
});

ponder.on("Staking:Withdrawn", async ({ event, context }) => {
  const { positionId, owner, amount, remaining } = event.args;
  const role = getEnumLabel(StakeRole, event.args.role);
  await context.db.update(stakePosition, { id: positionId }).set((row) => ({
    amount: remaining,
    withdrawnAmount: row.withdrawnAmount + amount,
    updatedAt: event.block.timestamp,
  }));
  await context.db.update(staker, { address: owner }).set((row) => ({ staked: row.staked - amount }));
  await context.db.update(stakingRoleTotal, { role }).set((row) => ({
    staked: row.staked - amount,
    openPositions: row.openPositions - (remaining === 0n ? 1 : 0),
  }));
  await context.db
    .insert(stakeEvent)
    .values({ id: event.id, positionId, owner, role, kind: "Withdrawn", amount, remaining, ...eventMeta(event) });
});

ponder.on("Staking:RewardFunded", async ({ event, context }) => {
  const { funder, amount, distributed, carriedForward } = event.args;
  await context.db
    .insert(rewardFunding)
    .values({ id: event.id, funder, amount, distributed, carriedForward, ...eventMeta(event) });
  await context.db
    .insert(rewardTotal)
    .values({ staking: event.log.address, funded: amount, claimed: 0n, undistributed: carriedForward })
    .onConflictDoUpdate((row) => ({ funded: row.funded + amount, undistributed: carriedForward }));
});

ponder.on("Staking:RewardPaid", async ({ event, context }) => {
  const { account, amount } = event.args;
  await context.db.insert(rewardPayment).values({ id: event.id, account, amount, ...eventMeta(event) });
  await context.db
    .insert(staker)
    .values({ address: account, staked: 0n, rewardsClaimed: amount, positionCount: 0 })
    .onConflictDoUpdate((row) => ({ rewardsClaimed: row.rewardsClaimed + amount }));
  await context.db
    .insert(rewardTotal)
    .values({ staking: event.log.address, funded: 0n, claimed: amount, undistributed: 0n })
    .onConflictDoUpdate((row) => ({ claimed: row.claimed + amount }));
});
