import { ponder } from "ponder:registry";
import { unit, unitApproval, unitTransfer, unitUserUpdate } from "ponder:schema";
import { passportIdOfUnit } from "@a360/contracts/passport";
import { zeroAddress } from "viem";
import { eventMeta } from "./lib/eventMeta";

ponder.on("UnitToken:UnitMinted", async ({ event, context }) => {
  const { unitId, owner, organisationId, manufacturer, passportPublicId } = event.args;
  await context.db.insert(unit).values({
    ...{ id: unitId, passportId: passportIdOfUnit(unitId), passportPublicId, organisationId, manufacturer, owner },
    userExpires: 0n,
    isListed: false,
    isLeased: false,
    mintedAt: event.block.timestamp,
    mintedAtBlock: event.block.number,
    updatedAtBlock: event.block.number,
  });
});

// UnitMinted precedes the mint's Transfer, so the row always exists here. On a mint it already
// holds this owner and block (UnitMinted has the same `to`, same transaction): nothing to update.
ponder.on("UnitToken:Transfer", async ({ event, context }) => {
  const { from, to, tokenId } = event.args;
  if (from !== zeroAddress) {
    await context.db.update(unit, { id: tokenId }).set({ owner: to, updatedAtBlock: event.block.number });
  }
  await context.db.insert(unitTransfer).values({ id: event.id, unitId: tokenId, from, to, ...eventMeta(event) });
});

ponder.on("UnitToken:UpdateUser", async ({ event, context }) => {
  const { tokenId, user, expires } = event.args;
  await context.db
    .update(unit, { id: tokenId })
    .set({ user: user === zeroAddress ? null : user, userExpires: expires, updatedAtBlock: event.block.number });
  await context.db.insert(unitUserUpdate).values({
    ...{ id: event.id, unitId: tokenId, user, expires },
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
});

ponder.on("UnitToken:Approval", async ({ event, context }) => {
  const { owner, approved, tokenId } = event.args;
  await context.db.insert(unitApproval).values({
    ...{ id: event.id, unitId: tokenId, owner, operator: approved, isApproved: approved !== zeroAddress },
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
});

ponder.on("UnitToken:ApprovalForAll", async ({ event, context }) => {
  const { owner, operator, approved } = event.args;
  await context.db.insert(unitApproval).values({
    ...{ id: event.id, owner, operator, isApproved: approved },
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
});
