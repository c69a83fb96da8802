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
  const { leaseId, unitId, rentPaid, claimDeadline } = event.args;
  await context.db
    .update(lease, { id: leaseId })
    .set({ rentDue: 0n, rentPaid, claimDeadline, state: "Ended", updatedAt: event.block.timestamp });
  await context.db.update(unit, { id: unitId }).set({ isLeased: false, activeLeaseId: null });
  await updateMarketStats(context, "LeaseEnded");
  await context.db
    .insert(leaseEvent)
    .values({ id: event.id, leaseId, state: "Ended", actor: event.transaction.from, ...eventMeta(event) });
});

ponder.on("LeaseManager:CollateralClaimed", async ({ event, context }) => {
  const { leaseId, repairId, lessor, stableAmount, ttAmount } = event.args;
  await context.db.update(lease, { id: leaseId }).set((row) => ({
    stableCollateral: row.stableCollateral - stableAmount,
    ttCollateral: row.ttCollateral - ttAmount,
    stableClaimed: row.stableClaimed + stableAmount,
    ttClaimed: row.ttClaimed + ttAmount,
    updatedAt: event.block.timestamp,
  }));
  await context.db
    .insert(collateralClaim)
    .values({ repairId, leaseId, lessor, stableAmount, ttAmount, claimedAt: event.block.timestamp });
  await context.db.update(repair, { id: repairId }).set({ claimedByLeaseId: leaseId });
  await context.db.insert(leaseEvent).values({
    ...{ id: event.id, leaseId, state: "Ended", actor: lessor, repairId, stableAmount, ttAmount },
    ...eventMeta(event),
  });
});

ponder.on("LeaseManager:CollateralWithdrawn", async ({ event, context }) => {
  const { leaseId, lessee, stableAmount, ttAmount } = event.args;
  await context.db.update(lease, { id: leaseId }).set({
    ...{ stableCollateral: 0n, ttCollateral: 0n, stableWithdrawn: stableAmount, ttWithdrawn: ttAmount },
    ...{ state: "Closed", updatedAt: event.block.timestamp },
  });
  await context.db.insert(leaseEvent).values({
    ...{ id: event.id, leaseId, state: "Closed", actor: lessee, stableAmount, ttAmount },
    ...eventMeta(event),
  });
});
