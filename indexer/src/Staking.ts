import { ponder } from "ponder:registry";
import {
  rewardFunding,
  rewardPayment,
  rewardTotal,
  stakeEvent,
  stakePosition,
  staker,
  stakeSlash,
  stakingRoleTotal,
} from "ponder:schema";
import { eventMeta } from "./lib/eventMeta";
import { getEnumLabel, StakeRole } from "./lib/onchainEnums";
import { reduceActiveStake } from "./shared/reduceActiveStake";

ponder.on("Staking:Staked", async ({ event, context }) => {
  const { positionId, owner, amount, unlocksAt } = event.args;
  const role = getEnumLabel(StakeRole, event.args.role);
  const at = event.block.timestamp;
  await context.db.insert(stakePosition).values({
    id: positionId,
    owner,
    role,
    amount,
    unbonding: 0n,
    unbondsAt: 0n,
    heldUntil: 0n,
    stakedAmount: amount,
    withdrawnAmount: 0n,
    slashedAmount: 0n,
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

ponder.on("Staking:WithdrawalRequested", async ({ event, context }) => {
  const { positionId, owner, amount, remaining, unbondsAt } = event.args;
  const role = getEnumLabel(StakeRole, event.args.role);
  await context.db.update(stakePosition, { id: positionId }).set((row) => ({
    ...{ amount: remaining, unbonding: row.unbonding + amount, unbondsAt },
    updatedAt: event.block.timestamp,
  }));
  await reduceActiveStake(context, owner, role, amount, remaining);
  await context.db.insert(stakeEvent).values({
    ...{ id: event.id, positionId, owner, role, kind: "WithdrawalRequested", amount, remaining },
    ...eventMeta(event),
  });
});

ponder.on("Staking:Withdrawn", async ({ event, context }) => {
  const { positionId, owner, amount, remaining } = event.args;
  const role = getEnumLabel(StakeRole, event.args.role);
  await context.db.update(stakePosition, { id: positionId }).set((row) => ({
    unbonding: 0n,
    withdrawnAmount: row.withdrawnAmount + amount,
    updatedAt: event.block.timestamp,
  }));
  await context.db
    .insert(stakeEvent)
    .values({ id: event.id, positionId, owner, role, kind: "Withdrawn", amount, remaining, ...eventMeta(event) });
});

ponder.on("Staking:PositionHeld", async ({ event, context }) => {
  const { positionId, heldUntil } = event.args;
  await context.db.update(stakePosition, { id: positionId }).set({ heldUntil, updatedAt: event.block.timestamp });
});

ponder.on("Staking:SlashProposed", async ({ event, context }) => {
  const { slashId, positionId, slasher, amount, beneficiary, appealDeadline, reason } = event.args;
  const at = event.block.timestamp;
  await context.db.insert(stakeSlash).values({
    ...{ id: slashId, positionId, slasher, amount, beneficiary, appealDeadline, reason, state: "Proposed" },
    ...{ slashedAmount: 0n, proposedAt: at, updatedAt: at },
  });
});

ponder.on("Staking:SlashAppealed", async ({ event, context }) => {
  await context.db
    .update(stakeSlash, { id: event.args.slashId })
    .set({ state: "Appealed", updatedAt: event.block.timestamp });
});

ponder.on("Staking:SlashOverturned", async ({ event, context }) => {
  await context.db
    .update(stakeSlash, { id: event.args.slashId })
    .set({ state: "Overturned", updatedAt: event.block.timestamp });
});

ponder.on("Staking:Slashed", async ({ event, context }) => {
  const { slashId, positionId, fromActive, fromUnbonding } = event.args;
  const at = event.block.timestamp;
  const amount = fromActive + fromUnbonding;
  await context.db.update(stakeSlash, { id: slashId }).set({ state: "Executed", slashedAmount: amount, updatedAt: at });
  const position = await context.db.update(stakePosition, { id: positionId }).set((row) => ({
    ...{ amount: row.amount - fromActive, unbonding: row.unbonding - fromUnbonding },
    ...{ slashedAmount: row.slashedAmount + amount, updatedAt: at },
  }));
  const { owner, role } = position;
  if (fromActive !== 0n) await reduceActiveStake(context, owner, role, fromActive, position.amount);
  await context.db.insert(stakeEvent).values({
    ...{ id: event.id, positionId, owner, role, kind: "Slashed", amount, remaining: position.amount },
    ...eventMeta(event),
  });
});

ponder.on("Staking:RewardFunded", async ({ event, context }) => {
  const { funder, amount, rewardRate, periodFinish } = event.args;
  await context.db
    .insert(rewardFunding)
    .values({ id: event.id, funder, amount, rewardRate, periodFinish, ...eventMeta(event) });
  await context.db
    .insert(rewardTotal)
    .values({ staking: event.log.address, funded: amount, claimed: 0n, rewardRate, periodFinish })
    .onConflictDoUpdate((row) => ({ funded: row.funded + amount, rewardRate, periodFinish }));
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
    .values({ staking: event.log.address, funded: 0n, claimed: amount, rewardRate: 0n, periodFinish: 0n })
    .onConflictDoUpdate((row) => ({ claimed: row.claimed + amount }));
});
