import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createManufacturer,
  createUnitMirror,
  createVerifiedCentre,
  nextSlot,
  type SignedInOwner,
  signInOwner,
} from "../../test/serviceFixture.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const MIRROR = "mirror_work_order_journey";
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
afterAll(() => closeDatabase(db));

let owner: SignedInOwner;
let centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
let unit: { passportId: string; publicId: string };
let appointmentId: string;
let workOrderId: string;

interface Detail {
  id: string;
  status: string;
  totals: { labourCents: number; partsCents: number; totalCents: number } | null;
  history: Array<{ from: string | null; to: string }>;
  serviceRecord: { id: string; formHash: string; anchor: { status: string } } | null;
}

beforeAll(async () => {
  const mirror = await createUnitMirror(db, MIRROR);
  const manufacturer = await createManufacturer(app, db);
  centre = await createVerifiedCentre(app, db);
  owner = await signInOwner(app, db);
  unit = await manufacturer.makeUnit();
  await mirror.holds(owner.address, unit.publicId);
});

describe("an owner books, the centre completes the visit", () => {
  it("puts the unit the wallet holds on chain into the owner's garage", async () => {
    const response = await owner.request("/garage/units", { method: "POST", body: { publicId: unit.publicId } });
    expect(response.status).toBe(201);
    const garage = (await (await owner.request("/garage")).json()) as {
      units: Array<{ passportId: string; source: string }>;
    };
    expect(garage.units).toEqual([expect.objectContaining({ passportId: unit.passportId, source: "ON_CHAIN" })]);
  });

  it("books a free slot, which connects the unit to the centre", async () => {
    const response = await owner.request(`/units/${unit.passportId}/appointments`, {
      method: "POST",
      body: { serviceOrgId: centre.organizationId, startsAt: nextSlot(), note: "Oil change" },
    });
    expect(response.status).toBe(201);
    const booking = (await response.json()) as { id: string; status: string };
    expect(booking.status).toBe("REQUESTED");
    appointmentId = booking.id;
    const links = (await (await owner.request(`/units/${unit.passportId}/service-links`)).json()) as {
      items: Array<{ status: string; method: string }>;
    };
    expect(links.items).toEqual([expect.objectContaining({ status: "ACTIVE", method: "BOOKING" })]);
  });

  it("confirms the booking and opens the visit from it", async () => {
    const decided = await centre.admin.request(`${centre.base}/appointments/${appointmentId}/decision`, {
      method: "POST",
      body: { decision: "CONFIRM" },
    });
    expect(decided.status).toBe(200);
    const response = await centre.admin.request(`${centre.base}/work-orders`, {
      method: "POST",
      body: { appointmentId, complaint: "Service due" },
    });
    expect(response.status).toBe(201);
    const order = (await response.json()) as Detail;
    expect(order.status).toBe("ACCEPTED");
    workOrderId = order.id;
  });

  it("records labour with its interval and parts from the catalogue, and totals them", async () => {
    const path = `${centre.base}/work-orders/${workOrderId}`;
    expect((await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "IN_PROGRESS" } })).status).toBe(
      200,
    );
    await centre.admin.request(`${path}/labour`, {
      method: "POST",
      body: {
        description: "Oil service",
        catalogueItemId: centre.labourId,
        hours: 1.5,
        nextServiceMonths: 12,
        nextServiceUsage: 15000,
      },
    });
    await centre.admin.request(`${path}/parts`, {
      method: "POST",
      body: { catalogueItemId: centre.oilId, quantity: 4.5 },
    });
    const response = await centre.admin.request(`${path}/parts`, {
      method: "POST",
      body: { catalogueItemId: centre.filterId, quantity: 1 },
    });
    const order = (await response.json()) as Detail;
    expect(order.totals).toEqual({ labourCents: 12000, partsCents: 5805 + 1500, totalCents: 19305 });
  });

  it("completes in one go: record, timeline, usage, reminders, stock, notification, audit, outbox", async () => {
    const response = await centre.admin.request(`${centre.base}/work-orders/${workOrderId}/completion`, {
      method: "POST",
      body: { usageValue: 48500, decision: "PartsReplaced" },
    });
    expect(response.status).toBe(200);
    const order = (await response.json()) as Detail;
    expect(order.status).toBe("COMPLETED");
    expect(order.serviceRecord?.formHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(order.serviceRecord?.anchor.status).toBe("PENDING");
    expect(order.history.map((change) => change.to)).toEqual(["ACCEPTED", "IN_PROGRESS", "COMPLETED"]);

    const timeline = (await (await owner.request(`/units/${unit.passportId}/timeline`)).json()) as {
      items: Array<{ kind: string; source: string; amountCents: number | null; isEditable: boolean }>;
    };
    expect(timeline.items.map((entry) => [entry.kind, entry.source, entry.amountCents])).toEqual(
      expect.arrayContaining([
        ["SERVICE", "SERVICE_CENTRE", null],
        ["EXPENSE", "SERVICE_CENTRE", 19305],
      ]),
    );
    expect(timeline.items.every((entry) => !entry.isEditable)).toBe(true);
    const usage = (await (await owner.request(`/units/${unit.passportId}/usage`)).json()) as {
      items: Array<{ value: number }>;
    };
    expect(usage.items[0]?.value).toBe(48500);
    const recommendations = (await (await owner.request(`/units/${unit.passportId}/recommendations`)).json()) as {
      items: Array<{ title: string; dueUsage: number; dueOn: string }>;
    };
    expect(recommendations.items).toEqual([expect.objectContaining({ title: "Oil service", dueUsage: 63500 })]);
    const catalogue = (await (await centre.admin.request(`${centre.base}/catalogue`)).json()) as {
      items: Array<{ sku: string; stock: number }>;
    };
    expect(Object.fromEntries(catalogue.items.map((item) => [item.sku, item.stock]))).toMatchObject({
      "OIL-5W30": 15.5,
      "FLT-OIL": 4,
    });
    const garage = (await (await owner.request("/garage")).json()) as { organizationId: string };
    expect(
      await db.prisma.notification.count({ where: { tenantId: garage.organizationId, kind: "work_order.completed" } }),
    ).toBe(1);
    expect(
      await db.prisma.auditLogEntry.count({
        where: { tenantId: centre.organizationId, action: "work_order.completed" },
      }),
    ).toBe(1);
    expect(await db.prisma.repairAnchor.count({ where: { tenantId: centre.organizationId, status: "PENDING" } })).toBe(
      1,
    );
  });

  it("refuses a second completion and any change of the completed order", async () => {
    const path = `${centre.base}/work-orders/${workOrderId}`;
    const again = await centre.admin.request(`${path}/completion`, { method: "POST", body: { usageValue: 48600 } });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    expect(
      (
        await centre.admin.request(`${path}/parts`, {
          method: "POST",
          body: { catalogueItemId: centre.oilId, quantity: 1 },
        })
      ).status,
    ).toBe(409);
    await expect(
      db.prisma.serviceRecord.updateMany({ where: { workOrderId }, data: { currency: "USD" } }),
    ).rejects.toThrow(/immutable/);
  });

  it("records a correction the owner accepts, and keeps the completed record as it was", async () => {
    const before = await db.prisma.serviceRecord.findUniqueOrThrow({ where: { workOrderId } });
    const requested = await centre.admin.request(`${centre.base}/work-orders/${workOrderId}/corrections`, {
      method: "POST",
      body: { reason: "Usage was mistyped", changes: { usageValue: 48050 } },
    });
    expect(requested.status).toBe(201);
    const { id } = (await requested.json()) as { id: string };
    const decided = await owner.request(`/units/${unit.passportId}/corrections/${id}/decision`, {
      method: "POST",
      body: { decision: "ACCEPT" },
    });
    expect(await decided.json()).toMatchObject({ status: "ACCEPTED" });
    const again = await owner.request(`/units/${unit.passportId}/corrections/${id}/decision`, {
      method: "POST",
      body: { decision: "REJECT" },
    });
    expect(again.status).toBe(409);
    const after = await db.prisma.serviceRecord.findUniqueOrThrow({ where: { workOrderId } });
    expect(after).toEqual(before);
  });

  it("takes one review per completed visit and counts it in the centre's trust", async () => {
    const review = await owner.request(`/units/${unit.passportId}/work-orders/${workOrderId}/review`, {
      method: "POST",
      body: { rating: 4, body: "Fine" },
    });
    expect(review.status).toBe(201);
    const twice = await owner.request(`/units/${unit.passportId}/work-orders/${workOrderId}/review`, {
      method: "POST",
      body: { rating: 1 },
    });
    expect(twice.status).toBe(409);
    const trust = (await (await app.request(`/api/v1/service-centres/${centre.organizationId}/trust`)).json()) as {
      completedVisits: number;
      averageRating: number;
      acceptedCorrections: number;
    };
    expect(trust).toMatchObject({ completedVisits: 1, averageRating: 4, acceptedCorrections: 1 });
  });
});
