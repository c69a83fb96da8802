import { ponder } from "ponder:registry";
import { listing, listingEvent, paymentToken, unit } from "ponder:schema";
import { eventMeta } from "./lib/eventMeta";
import { recordParameterChange } from "./shared/recordParameterChange";
import { updateMarketStats } from "./shared/updateMarketStats";

ponder.on("Marketplace:ListingCreated", async ({ event, context }) => {
  const { listingId, unitId, seller, paymentToken, price, feeBps, passportHash, passportVersion } = event.args;
  await context.db.insert(listing).values({
    ...{ id: listingId, unitId, seller, paymentToken, price, feeBps, passportHash, passportVersion },
    state: "Active",
    createdAt: event.block.timestamp,
    createdAtBlock: event.block.number,
  });
  await context.db.update(unit, { id: unitId }).set({ isListed: true, activeListingId: listingId });
  await updateMarketStats(context, "ListingCreated");
  await context.db
    .insert(listingEvent)
    .values({ id: event.id, listingId, state: "Active", actor: seller, ...eventMeta(event) });
});

ponder.on("Marketplace:ListingSold", async ({ event, context }) => {
  const { listingId, unitId, buyer, fee } = event.args;
  await context.db
    .update(listing, { id: listingId })
    .set({ state: "Sold", buyer, fee, closedAt: event.block.timestamp });
  await context.db.update(unit, { id: unitId }).set({ isListed: false, activeListingId: null });
  await updateMarketStats(context, "ListingSold");
  await context.db
    .insert(listingEvent)
    .values({ id: event.id, listingId, state: "Sold", actor: buyer, ...eventMeta(event) });
});

ponder.on("Marketplace:ListingCancelled", async ({ event, context }) => {
  const { listingId, unitId, seller } = event.args;
  await context.db.update(listing, { id: listingId }).set({ state: "Cancelled", closedAt: event.block.timestamp });
  await context.db.update(unit, { id: unitId }).set({ isListed: false, activeListingId: null });
  await updateMarketStats(context, "ListingCancelled");
  await context.db
    .insert(listingEvent)
    .values({ id: event.id, listingId, state: "Cancelled", actor: seller, ...eventMeta(event) });
});

ponder.on("Marketplace:PaymentTokenAllowed", async ({ event, context }) => {
  const { token, allowed } = event.args;
  await context.db
    .insert(paymentToken)
    .values({ token, isAllowed: allowed, updatedAtBlock: event.block.number })
    .onConflictDoUpdate({ isAllowed: allowed, updatedAtBlock: event.block.number });
});

ponder.on("Marketplace:SaleFeeUpdated", async ({ event, context }) => {
  const { previousBps, newBps } = event.args;
  await recordParameterChange(context, event, "saleFeeBps", BigInt(previousBps), BigInt(newBps));
});
