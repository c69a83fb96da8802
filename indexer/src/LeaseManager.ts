import { ponder } from "ponder:registry";
import { collateralClaim, lease, leaseEvent, repair, unit } from "ponder:schema";
import { eventMeta } from "./lib/eventMeta";
import { updateMarketStats } from "./shared/updateMarketStats";

ponder.on("LeaseManager:LeaseOffered", async ({ event, context }) => {
  const { leaseId, unitId, lessor, ratePerDay, maxDays, requiredCollateral } = event.args;
  const at = event.block.timestamp;
  await context.db.insert(lease).values({
    ...{ id: leaseId, unitId, lessor, ratePerDay, maxDays, requiredCollateral, state: "Offered" },
    ...{ rentDue: 0n, stableCollateral: 0n, ttCollateral: 0n, stableClaimed: 0n, ttClaimed: 0n },
    ...{ stableWithdrawn: 0n, ttWithdrawn: 0n, startsAt: 0n, endsAt: 0n, claimDeadline: 0n },
    ...{ offeredAt: at, updatedAt: at },
  });
  await context.db.update(unit, { id: unitId }).set({ activeLeaseId: leaseId });
  await updateMarketStats(context, "LeaseOffered");
  await context.db
    .insert(leaseEvent)
    .values({ id: event.id, leaseId, state: "Offered", actor: lessor, ...eventMeta(event) });
});

ponder.on("LeaseManager:LeaseOfferCancelled", async ({ event, context }) => {
  const { leaseId, unitId, lessor } = event.args;
  await context.db.update(lease, { id: leaseId }).set({ state: "Cancelled", updatedAt: event.block.timestamp });
  await context.db.update(unit, { id: unitId }).set({ activeLeaseId: null });
  await updateMarketStats(context, "LeaseOfferCancelled");
  await context.db
    .insert(leaseEvent)
    .values({ id: event.id, leaseId, state: "Cancelled", actor: lessor, ...eventMeta(event) });
});

ponder.on("LeaseManager:LeaseAccepted", async ({ event, context }) => {
  const { leaseId, unitId, lessee, durationDays, rent, fee, stableCollateral, ttCollateral, ttPrice, endsAt } =
    event.args;
  const at = event.block.timestamp;
  await context.db.update(lease, { id: leaseId }).set({
    ...{ lessee, durationDays, rent, fee, rentDue: rent - fee, stableCollateral, ttCollateral, ttPrice, endsAt },
    ...{ startsAt: at, state: "Active", updatedAt: at },
  });
  await context.db.update(unit, { id: unitId }).set({ isLeased: true });
  await updateMarketStats(context, "LeaseAccepted");
  await context.db
    .insert(leaseEvent)
    .values({ id: event.id, leaseId, state: "Active", actor: lessee, ...eventMeta(event) });
});

ponder.on("LeaseManager:LeaseEnded", async ({ event, context }) => {
  const { leaseId, unitId, claimDeadline } = event.args;
  await context.db
    .update(lease, { id: leaseId })
    .set({ claimDeadline, state: "Ended", updatedAt: event.block.timestamp });
  await context.db.update(unit, { id: unitId }).set({ isLeased: false, activeLeaseId: null });
  await updateMarketStats(context, "LeaseEnded");
  await context.db
    .insert(leaseEvent)
    .values({ id: event.id, leaseId, state: "Ended", actor: event.transaction.from, ...eventMeta(event) });
});

ponder.on("LeaseManager:RentWithdrawn", async ({ event, context }) => {
  const { leaseId, lessor, amount } = event.args;
  const row = await context.db
    .update(lease, { id: leaseId })
    .set({ rentDue: 0n, rentPaid: amount, updatedAt: event.block.timestamp });
  await context.db.insert(leaseEvent).values({
    ...{ id: event.id, leaseId, state: row.state, actor: lessor, stableAmount: amount },
    ...eventMeta(event),
  });
});

ponder.on("LeaseManager:DamageAttested", async ({ event, context }) => {
  const { leaseId, repairId, provider, positionId, damage } = event.args;
  const at = event.block.timestamp;
  const { lessor } = await context.db
    .update(lease, { id: leaseId })
    .set({ claimRepairId: repairId, claimState: "Attested", updatedAt: at });
  await context.db.insert(collateralClaim).values({
    ...{ repairId, leaseId, lessor, provider, positionId, damage, stableAmount: 0n, ttAmount: 0n },
    ...{ state: "Attested", attestedAt: at, updatedAt: at },
  });
  await context.db.update(repair, { id: repairId }).set({ claimedByLeaseId: leaseId });
  await context.db
    .insert(leaseEvent)
    .values({ id: event.id, leaseId, state: "Ended", actor: provider, repairId, ...eventMeta(event) });
});

ponder.on("LeaseManager:CollateralClaimed", async ({ event, context }) => {
  const { leaseId, repairId, lessor, stableAmount, ttAmount, disputeDeadline } = event.args;
  const at = event.block.timestamp;
  await context.db.update(lease, { id: leaseId }).set((row) => ({
    stableCollateral: row.stableCollateral - stableAmount,
    ttCollateral: row.ttCollateral - ttAmount,
    stableClaimed: row.stableClaimed + stableAmount,
    ttClaimed: row.ttClaimed + ttAmount,
    claimState: "Claimed",
    updatedAt: at,
  }));
  await context.db
    .update(collateralClaim, { repairId })
    .set({ stableAmount, ttAmount, disputeDeadline, state: "Claimed", claimedAt: at, updatedAt: at });
  await context.db.insert(leaseEvent).values({
    ...{ id: event.id, leaseId, state: "Ended", actor: lessor, repairId, stableAmount, ttAmount },
    ...eventMeta(event),
  });
});

ponder.on("LeaseManager:ClaimDisputed", async ({ event, context }) => {
  const { leaseId, lessee, arbitrationDeadline } = event.args;
  const { claimRepairId: repairId } = await context.db
    .update(lease, { id: leaseId })
    .set({ claimState: "Disputed", updatedAt: event.block.timestamp });
  await context.db
    .update(collateralClaim, { repairId: repairId! })
    .set({ state: "Disputed", arbitrationDeadline, updatedAt: event.block.timestamp });
  await context.db
    .insert(leaseEvent)
    .values({ id: event.id, leaseId, state: "Ended", actor: lessee, repairId, ...eventMeta(event) });
});

ponder.on("LeaseManager:ClaimSettled", async ({ event, context }) => {
  const { leaseId, paid, stableAmount, ttAmount, slashId } = event.args;
  const at = event.block.timestamp;
  const claimState = paid ? "Paid" : "Refunded";
  // A refund goes back to the lessee's collateral; a payment may close a lease whose collateral is all gone.
  const row = await context.db.update(lease, { id: leaseId }).set((current) =>
    paid
      ? { claimState, state: closesOnPayment(current, at) ? "Closed" : current.state, updatedAt: at }
      : {
          stableCollateral: current.stableCollateral + stableAmount,
          ttCollateral: current.ttCollateral + ttAmount,
          stableClaimed: current.stableClaimed - stableAmount,
          ttClaimed: current.ttClaimed - ttAmount,
          claimState,
          updatedAt: at,
        },
  );
  const repairId = row.claimRepairId!;
  await context.db
    .update(collateralClaim, { repairId })
    .set({ state: claimState, slashId: slashId === 0n ? null : slashId, updatedAt: at });
  await context.db.insert(leaseEvent).values({
    ...{ id: event.id, leaseId, state: row.state, actor: event.transaction.from, repairId, stableAmount, ttAmount },
    ...eventMeta(event),
  });
});

ponder.on("LeaseManager:CollateralWithdrawn", async ({ event, context }) => {
  const { leaseId, lessee, stableAmount, ttAmount } = event.args;
  // The lease stays Ended while a claim is pending (its collateral set aside); it closes otherwise.
  const row = await context.db.update(lease, { id: leaseId }).set((current) => ({
    ...{ stableCollateral: 0n, ttCollateral: 0n },
    ...{ stableWithdrawn: current.stableWithdrawn + stableAmount, ttWithdrawn: current.ttWithdrawn + ttAmount },
    ...{ state: isClaimPending(current.claimState) ? "Ended" : "Closed", updatedAt: event.block.timestamp },
  }));
  await context.db.insert(leaseEvent).values({
    ...{ id: event.id, leaseId, state: row.state, actor: lessee, stableAmount, ttAmount },
    ...eventMeta(event),
  });
});

function isClaimPending(state: string | null): boolean {
  return state === "Claimed" || state === "Disputed";
}

/** Whether paying a claim closes the lease, as the contract's `_closeIfSettled` decides. */
function closesOnPayment(
  current: { state: string; claimDeadline: bigint; stableCollateral: bigint; ttCollateral: bigint },
  at: bigint,
): boolean {
  return (
    current.state === "Ended" &&
    at > current.claimDeadline &&
    current.stableCollateral === 0n &&
    current.ttCollateral === 0n
  );
}
