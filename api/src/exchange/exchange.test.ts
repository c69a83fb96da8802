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
import type { ExchangeDocument } from "./ExchangeDocument.ts";

const MIRROR = "mirror_exchange";
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
afterAll(() => closeDatabase(db));

let owner: SignedInOwner;
let exported: ExchangeDocument;

beforeAll(async () => {
  const mirror = await createUnitMirror(db, MIRROR);
  const manufacturer = await createManufacturer(app, db);
  const centre = await createVerifiedCentre(app, db);
  owner = await signInOwner(app, db);
  const unit = await manufacturer.makeUnit();
  await mirror.holds(owner.address, unit.publicId);
  await owner.request("/garage/units", { method: "POST", body: { publicId: unit.publicId } });
  await owner.request(`/units/${unit.passportId}/entries`, {
    method: "POST",
    body: {
      kind: "CHARGING",
      occurredAt: "2026-10-01T08:00:00Z",
      title: "Home charge",
      quantity: 0.5,
      quantityUnit: "KWH",
      amountCents: 20,
      currency: "EUR",
      usageValue: 310,
    },
  });
  const { code } = (await (
    await owner.request(`/units/${unit.passportId}/access-codes`, { method: "POST" })
  ).json()) as { code: string };
  await centre.admin.request(`${centre.base}/links/redeem`, { method: "POST", body: { code } });
  const order = (await (
    await centre.admin.request(`${centre.base}/work-orders`, { method: "POST", body: { passportId: unit.passportId } })
  ).json()) as { id: string };
  const path = `${centre.base}/work-orders/${order.id}`;
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "ACCEPTED" } });
  await centre.admin.request(`${path}/status`, { method: "POST", body: { to: "IN_PROGRESS" } });
  await centre.admin.request(`${path}/labour`, {
    method: "POST",
    body: { description: "Cell check", hours: 1, rateCents: 6000, nextServiceMonths: 12 },
  });
  await centre.admin.request(`${path}/completion`, { method: "POST", body: { usageValue: 420 } });
  const response = await owner.request(`/units/${unit.passportId}/exchange`);
  expect(response.status).toBe(200);
  exported = (await response.json()) as ExchangeDocument;
});

/** The exported history as a fresh unit (a new public id), as another platform would hand it over. */
function asNewUnit(publicId: string): ExchangeDocument {
  return { ...structuredClone(exported), unit: { ...exported.unit, publicId } };
}

describe("a360.exchange.v1", () => {
  it("exports the unit with its logs, usage, service record and recommendations, valid against the shipped schema", async () => {
    expect(exported.format).toBe("a360.exchange.v1");
    expect(exported.entries.map((entry) => entry.kind).sort()).toEqual(["CHARGING", "EXPENSE", "SERVICE"]);
    expect(exported.usage.map((reading) => reading.value)).toEqual([310, 420]);
    expect(exported.serviceRecords).toEqual([
      expect.objectContaining({ formHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), totalCents: 6000 }),
    ]);
    expect(exported.recommendations).toEqual([expect.objectContaining({ title: "Cell check", status: "OPEN" })]);
    const schema = await app.request("/api/v1/exchange/a360.exchange.v1.schema.json");
    expect(await schema.json()).toMatchObject({ $id: expect.stringContaining("a360.exchange.v1") });
  });

  it("imports into another owner's garage in one go, and the same document again changes nothing", async () => {
    const other = await signInOwner(app, db);
    const document = asNewUnit(`imported-${Date.now()}`);
    const first = await other.request("/garage/imports", { method: "POST", body: document });
    expect(first.status).toBe(201);
    const result = (await first.json()) as {
      passportId: string;
      entries: number;
      usageReadings: number;
      serviceRecords: number;
    };
    expect(result).toMatchObject({ entries: 3, usageReadings: 2, serviceRecords: 1, recommendations: 1 });
    const again = await other.request("/garage/imports", {
      method: "POST",
      body: { ...document, exportedAt: new Date().toISOString() },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ passportId: result.passportId, created: false, entries: 3 });
    const timeline = (await (await other.request(`/units/${result.passportId}/timeline`)).json()) as {
      items: Array<{ source: string; isEditable: boolean }>;
    };
    expect(timeline.items).toHaveLength(4);
    expect(timeline.items.every((entry) => entry.source === "IMPORT" && !entry.isEditable)).toBe(true);
  });

  it("refuses a document that breaks the schema, listing where, and stores nothing", async () => {
    const other = await signInOwner(app, db);
    const document: Record<string, unknown> = JSON.parse(JSON.stringify(asNewUnit(`broken-${Date.now()}`)));
    (document.entries as Array<Record<string, unknown>>)[0]!.amountCents = -5;
    (document.unit as Record<string, unknown>).usageUnit = "PARSECS";
    const response = await other.request("/garage/imports", { method: "POST", body: document });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((error) => error.path)).toEqual(
      expect.arrayContaining(["/entries/0/amountCents", "/unit/usageUnit"]),
    );
    expect(
      await db.prisma.passport.count({ where: { publicId: (document.unit as { publicId: string }).publicId } }),
    ).toBe(0);
  });

  it("rolls back everything when a late part fails (a usage history that goes backwards)", async () => {
    const other = await signInOwner(app, db);
    const document = asNewUnit(`backwards-${Date.now()}`);
    document.usage = [
      { readAt: "2026-10-01T00:00:00Z", value: 500, unit: "KM" },
      { readAt: "2026-11-01T00:00:00Z", value: 100, unit: "KM" },
    ];
    const response = await other.request("/garage/imports", { method: "POST", body: document });
    expect(response.status).toBe(422);
    expect(await db.prisma.passport.count({ where: { publicId: document.unit.publicId } })).toBe(0);
  });

  it("refuses to import a unit that already exists here (its owner claims it from the chain)", async () => {
    const other = await signInOwner(app, db);
    const response = await other.request("/garage/imports", { method: "POST", body: exported });
    expect(response.status).toBe(409);
  });
});
