import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countCompletionRowsOf,
  createManufacturer,
  createUnitMirror,
  createVerifiedCentre,
  COMPLETION_NOTHING as NOTHING,
  openOrderInProgress,
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

const scene = () => ({ owner, centre, manufacturer, mirror });
const openInProgressOrder = () => openOrderInProgress(scene());
const countCompletionRows = (workOrderId: string, passportId: string) =>
  countCompletionRowsOf(db, workOrderId, passportId);

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
