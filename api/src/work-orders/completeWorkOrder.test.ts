import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createManufacturer,
  createUnitMirror,
  createVerifiedCentre,
  type SignedInOwner,
  signInOwner,
} from "../../test/serviceFixture.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { COMPLETION_STEPS, completeWorkOrder, InjectedCompletionFault } from "./completeWorkOrder.ts";

const MIRROR = "mirror_complete_work_order";
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
afterAll(() => closeDatabase(db));

let owner: SignedInOwner;
let centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
let manufacturer: Awaited<ReturnType<typeof createManufacturer>>;
let mirror: Awaited<ReturnType<typeof createUnitMirror>>;

beforeAll(async () => {
  mirror = await createUnitMirror(db, MIRROR);
  manufacturer = await createManufacturer(app, db);
  centre = await createVerifiedCentre(app, db);
  owner = await signInOwner(app, db);
});

/** A unit in the owner's garage, linked to the centre by an access code, with an in-progress order holding labour and parts. */
async function openInProgressOrder(): Promise<{ workOrderId: string; passportId: string }> {
  const unit = await manufacturer.makeUnit();
  await mirror.holds(owner.address, unit.publicId);
  await owner.request("/garage/units", { method: "POST", body: { publicId: unit.publicId } });
  const { code } = (await (
    await owner.request(`/units/${unit.passportId}/access-codes`, { method: "POST" })
  ).json()) as {
    code: string;
  };
  await centre.admin.request(`${centre.base}/links/redeem`, { method: "POST", body: { code } });
  const order = (await (
    await centre.admin.request(`${centre.base}/work-orders`, { method: "POST", body: { passportId: unit.passportId } })
  ).json()) as { id: string };
  const path = `${centre.base}/work-orders/${order.id}`;
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "ACCEPTED" } });
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "IN_PROGRESS" } });
  await centre.admin.request(`${path}/labour`, {
    method: "POST",
    body: { description: "Brake service", catalogueItemId: centre.labourId, hours: 1, nextServiceMonths: 24 },
  });
  await centre.admin.request(`${path}/parts`, {
    method: "POST",
    body: { catalogueItemId: centre.filterId, quantity: 1 },
  });
  return { workOrderId: order.id, passportId: unit.passportId };
}

/** Everything a completion writes, counted for one work order. */
async function countCompletionRows(workOrderId: string, passportId: string) {
  const record = await db.prisma.serviceRecord.findUnique({ where: { workOrderId } });
  return {
    serviceRecords: record ? 1 : 0,
    entries: await db.prisma.unitEntry.count({ where: { workOrderId } }),
    usage: await db.prisma.usageReading.count({ where: { passportId } }),
    recommendations: await db.prisma.maintenanceRecommendation.count({ where: { workOrderId } }),
    inventory: await db.prisma.inventoryTransaction.count({ where: { workOrderId } }),
    notifications: await db.prisma.notification.count({
      where: { idempotencyKey: `work_order.completed:${workOrderId}` },
    }),
    audit: await db.prisma.auditLogEntry.count({ where: { subjectId: workOrderId, action: "work_order.completed" } }),
    outbox: record ? await db.prisma.repairAnchor.count({ where: { serviceRecordId: record.id } }) : 0,
    status: (await db.prisma.workOrder.findUniqueOrThrow({ where: { id: workOrderId } })).status,
  };
}

const NOTHING = {
  serviceRecords: 0,
  entries: 0,
  usage: 0,
  recommendations: 0,
  inventory: 0,
  notifications: 0,
  audit: 0,
  outbox: 0,
  status: "IN_PROGRESS",
};

describe("completion is one transaction", () => {
  it.each(COMPLETION_STEPS)("leaves nothing behind when it fails at %s", async (step) => {
    const { workOrderId, passportId } = await openInProgressOrder();
    const input = {
      tenantId: centre.organizationId,
      workOrderId,
      userId: centre.admin.userId,
      usageValue: 1200,
      decision: "Repaired" as const,
    };
    await expect(completeWorkOrder(db, input, { failAt: step })).rejects.toBeInstanceOf(InjectedCompletionFault);
    expect(await countCompletionRows(workOrderId, passportId)).toEqual(NOTHING);

    await completeWorkOrder(db, input);
    expect(await countCompletionRows(workOrderId, passportId)).toEqual({
      serviceRecords: 1,
      entries: 2,
      usage: 1,
      recommendations: 1,
      inventory: 1,
      notifications: 1,
      audit: 1,
      outbox: 1,
      status: "COMPLETED",
    });
  });

  it("completes once when twenty requests race for the same order", async () => {
    const { workOrderId, passportId } = await openInProgressOrder();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        centre.admin.request(`${centre.base}/work-orders/${workOrderId}/completion`, {
          method: "POST",
          body: { usageValue: 900 },
        }),
      ),
    );
    const statuses = results.map((result) => (result.status === "fulfilled" ? result.value.status : 0)).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await countCompletionRows(workOrderId, passportId)).toMatchObject({
      serviceRecords: 1,
      entries: 2,
      outbox: 1,
    });
  });

  it("refuses a usage below the unit's history and completes nothing", async () => {
    const { workOrderId, passportId } = await openInProgressOrder();
    await owner.request(`/units/${passportId}/usage`, {
      method: "POST",
      body: { value: 5000, readAt: new Date(Date.now() - 60_000).toISOString() },
    });
    const response = await centre.admin.request(`${centre.base}/work-orders/${workOrderId}/completion`, {
      method: "POST",
      body: { usageValue: 4000 },
    });
    expect(response.status).toBe(422);
    expect(await countCompletionRows(workOrderId, passportId)).toEqual({ ...NOTHING, usage: 1 });
  });
});
