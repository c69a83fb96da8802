import { ponder } from "ponder:registry";
import {
  manufacturer,
  organisation,
  passport,
  passportAnchor,
  passportBatch,
  passportBatchItem,
  passportRevocation,
} from "ponder:schema";
import { anchorUid } from "@a360/contracts/passport";
import { and, eq } from "ponder";
import { zeroHash } from "viem";
import { recordParameterChange } from "./shared/recordParameterChange";

ponder.on("PassportRegistry:OrganisationRegistered", async ({ event, context }) => {
  const { organisationId, name } = event.args;
  const row = { name, updatedAtBlock: event.block.number };
  await context.db
    .insert(organisation)
    .values({ id: organisationId, ...row })
    .onConflictDoUpdate(row);
});

ponder.on("PassportRegistry:ManufacturerGranted", async ({ event, context }) => {
  const { wallet, organisationId } = event.args;
  const row = { organisationId, isActive: true, updatedAtBlock: event.block.number };
  await context.db
    .insert(manufacturer)
    .values({ wallet, ...row })
    .onConflictDoUpdate(row);
});

ponder.on("PassportRegistry:ManufacturerRevoked", async ({ event, context }) => {
  await context.db
    .update(manufacturer, { wallet: event.args.wallet })
    .set({ isActive: false, updatedAtBlock: event.block.number });
});

ponder.on("PassportRegistry:PassportVersionAnchored", async ({ event, context }) => {
  const { passportId, version, organisationId, hash, previousHash, attester, batchRoot } = event.args;
  const time = event.block.timestamp;
  await context.db.insert(passportAnchor).values({
    uid: anchorUid(passportId, version),
    ...{ passportId, version, organisationId, hash, previousHash, attester, batchRoot, time },
    revocationTime: 0n,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  const latest = { latestVersion: version, latestHash: hash, updatedAt: time };
  await context.db
    .insert(passport)
    .values({ id: passportId, organisationId, ...latest, anchorCount: 1 })
    .onConflictDoUpdate((row) => ({ ...latest, anchorCount: row.anchorCount + 1 }));
});

ponder.on("PassportRegistry:PassportVersionRevoked", async ({ event, context }) => {
  const { passportId, version, organisationId, revoker } = event.args;
  const time = event.block.timestamp;
  await context.db
    .update(passportAnchor, { uid: anchorUid(passportId, version) })
    .set({ revocationTime: time, revoker });
  // latestPassportVersion reports no hash while the latest version is revoked.
  await context.db
    .update(passport, { id: passportId })
    .set((row) => (row.latestVersion === version ? { latestHash: zeroHash, updatedAt: time } : {}));
  await context.db.insert(passportRevocation).values({
    ...{ id: event.id, passportId, version, organisationId, revoker },
    blockNumber: event.block.number,
    timestamp: time,
  });
});

ponder.on("PassportRegistry:PassportBatchAnchored", async ({ event, context }) => {
  const { root, organisationId, attester, leafCount, perPassportEvents } = event.args;
  await context.db.insert(passportBatch).values({
    ...{ root, organisationId, attester, leafCount, hasPerPassportEvents: perPassportEvents },
    time: event.block.timestamp,
    revocationTime: 0n,
    blockNumber: event.block.number,
    blockHash: event.block.hash,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
});

ponder.on("PassportRegistry:PassportAnchored", async ({ event, context }) => {
  const { passportId, root } = event.args;
  await context.db
    .insert(passportBatchItem)
    .values({ id: event.id, root, passportId, blockNumber: event.block.number, logIndex: event.log.logIndex });
});

ponder.on("PassportRegistry:PassportBatchRevoked", async ({ event, context }) => {
  const { root, organisationId, revoker } = event.args;
  const time = event.block.timestamp;
  await context.db.update(passportBatch, { root }).set({ revocationTime: time, revoker });
  // getPassportAnchor reports the batch's revocation for the versions recorded from it (unless revoked on their own),
  // and latestPassportVersion then has no hash.
  const revokedAnchors = await context.db.sql
    .update(passportAnchor)
    .set({ revocationTime: time })
    .where(and(eq(passportAnchor.batchRoot, root), eq(passportAnchor.revocationTime, 0n)))
    .returning();
  for (const anchor of revokedAnchors) {
    await context.db
      .update(passport, { id: anchor.passportId })
      .set((row) => (row.latestVersion === anchor.version ? { latestHash: zeroHash, updatedAt: time } : {}));
  }
  await context.db
    .insert(passportRevocation)
    .values({ id: event.id, root, organisationId, revoker, blockNumber: event.block.number, timestamp: time });
});

ponder.on("PassportRegistry:AttestationFeeUpdated", async ({ event, context }) => {
  await recordParameterChange(context, event, "attestationFee", event.args.previousFee, event.args.newFee);
});
