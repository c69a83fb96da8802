/**
 * The service demo against a real Hardhat node: a fresh `pnpm dev` leaves the owner and the centre
 * something to do, the completed repair lands on chain, and a second run adds nothing.
 */
import { DEV_ACCOUNTS, DEV_OWNER } from "@a360/scripts/dev-accounts";
import { type LocalChain, seedChain, startLocalChain } from "@a360/scripts/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "../../src/database/Database.ts";
import { createTestApp } from "../../test/testApp.ts";
import { DEMO_ORGANIZATIONS, seedDemo } from "./seedDemo.ts";
import { DEMO_SERVICE_IDS, seedDemoService } from "./seedDemoService.ts";

const { db } = await createTestApp();
let chain: LocalChain;
const centreId = DEMO_ORGANIZATIONS[1].id;

beforeAll(async () => {
  chain = await startLocalChain();
  await seedChain(chain.url);
  await seedDemo(db, [...DEV_ACCOUNTS]);
  await seedDemoService(db, { rpcUrl: chain.url });
});
afterAll(async () => {
  await chain?.stop();
  await closeDatabase(db);
});

async function countServiceRows() {
  return {
    workOrders: await db.prisma.workOrder.count({ where: { tenantId: centreId } }),
    appointments: await db.prisma.serviceAppointment.count({ where: { tenantId: centreId } }),
    records: await db.prisma.serviceRecord.count({ where: { tenantId: centreId } }),
    stockMoves: await db.prisma.inventoryTransaction.count({ where: { tenantId: centreId } }),
    entries: await db.prisma.unitEntry.count({ where: { serviceOrgId: centreId } }),
    verifications: await db.prisma.serviceCentreVerification.count(),
  };
}

describe("the service demo seed", () => {
  it("gives the centre a verified profile with its provider wallet, hours, a catalogue in stock and staff", async () => {
    const profile = await db.prisma.serviceCentreProfile.findUniqueOrThrow({ where: { organizationId: centreId } });
    expect(profile.verifiedAt).not.toBeNull();
    expect(profile.providerWallet).toMatch(/^0x[0-9a-f]{40}$/);
    expect(await db.prisma.serviceBookingSettings.findUnique({ where: { organizationId: centreId } })).not.toBeNull();
    expect(await db.prisma.serviceCatalogueItem.count({ where: { tenantId: centreId } })).toBeGreaterThanOrEqual(4);
    const roles = await db.prisma.serviceStaff.findMany({
      where: { organizationId: centreId },
      select: { role: true },
    });
    expect(roles.map((staff) => staff.role).sort()).toEqual(["MECHANIC", "OWNER"]);
  });

  it("gives the owner units in the garage, a booking waiting, a visit in progress and a completed one", async () => {
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { address: DEV_OWNER.address.toLowerCase() } });
    const units = await db.prisma.garageUnit.findMany({ where: { ownerUserId: owner.id } });
    expect(units.map((unit) => unit.source)).toEqual(["ON_CHAIN", "ON_CHAIN"]);
    const booking = await db.prisma.serviceAppointment.findUniqueOrThrow({
      where: { id: DEMO_SERVICE_IDS.appointment },
    });
    expect(booking.status).toBe("REQUESTED");
    expect(booking.startsAt.getTime()).toBeGreaterThan(Date.now());
    const orders = await db.prisma.workOrder.findMany({
      where: { id: { in: [DEMO_SERVICE_IDS.openWorkOrder, DEMO_SERVICE_IDS.completedWorkOrder] } },
      orderBy: { createdAt: "asc" },
    });
    expect(orders.map((order) => order.status)).toEqual(["COMPLETED", "IN_PROGRESS"]);
  });

  it("records the completed repair on chain with the staked provider wallet", async () => {
    const record = await db.prisma.serviceRecord.findUniqueOrThrow({
      where: { workOrderId: DEMO_SERVICE_IDS.completedWorkOrder },
    });
    const anchor = await db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
    expect(anchor.status).toBe("ANCHORED");
    expect(anchor.repairId).not.toBeNull();
  });

  it("adds nothing when it runs again, and finds the repair on chain rather than recording it twice", async () => {
    const before = await countServiceRows();
    const record = await db.prisma.serviceRecord.findUniqueOrThrow({
      where: { workOrderId: DEMO_SERVICE_IDS.completedWorkOrder },
    });
    const first = await db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
    await seedDemoService(db, { rpcUrl: chain.url });
    expect(await countServiceRows()).toEqual(before);
    const again = await db.prisma.repairAnchor.findUniqueOrThrow({ where: { serviceRecordId: record.id } });
    expect(again).toMatchObject({
      status: "ANCHORED",
      repairId: first.repairId,
      transactionHash: first.transactionHash,
    });
  });
});
