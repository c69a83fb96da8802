import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let org: string;
let modelId: string;
let passportId: string;

const lines = [
  { partNumber: "CELL-21700-50E", description: "21700 cell 5.0 Ah", material: "NMC 811", quantity: 40, massKg: 0.07 },
  { partNumber: "BMS-13S", description: "Battery management system", supplier: "BMS Works", quantity: 1, massKg: 0.12 },
];

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
  const model = (await (
    await maker.request(`${org}/models`, {
      method: "POST",
      body: {
        modelCode: "BOM-1",
        name: "Bill of materials",
        batteryCategory: "LMT",
        attributes: [{ key: "id.battery_mass_kg", value: 3 }],
      },
    })
  ).json()) as { id: string };
  modelId = model.id;
  const passport = (await (
    await maker.request(`${org}/passports`, { method: "POST", body: { modelId, serialNumber: "BOM-SN-1" } })
  ).json()) as { id: string };
  passportId = passport.id;
});

describe("bill of materials", () => {
  it("is empty until one is recorded", async () => {
    const response = await maker.request(`${org}/models/${modelId}/bom`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      source: null,
      lines: [],
      totalMassKg: 0,
      declaredBatteryMassKg: 3,
      massBalanceDeltaKg: null,
    });
  });

  it("replaces the model's BOM, numbers its lines and balances it against the declared mass", async () => {
    const response = await maker.request(`${org}/models/${modelId}/bom`, { method: "PUT", body: { lines } });
    expect(response.status).toBe(200);
    const bom = (await response.json()) as { lines: Array<{ position: number; partNumber: string }> };
    expect(bom).toMatchObject({
      source: "MODEL",
      totalMassKg: 2.92,
      declaredBatteryMassKg: 3,
      massBalanceDeltaKg: -0.08,
    });
    expect(bom.lines.map((line) => [line.position, line.partNumber])).toEqual([
      [1, "CELL-21700-50E"],
      [2, "BMS-13S"],
    ]);
    expect(bom.lines[0]).toMatchObject({ material: "NMC 811", supplier: null });
  });

  it("replaces rather than appends", async () => {
    const response = await maker.request(`${org}/models/${modelId}/bom`, {
      method: "PUT",
      body: { lines: [lines[1]] },
    });
    expect(await response.json()).toMatchObject({ lines: [{ position: 1, partNumber: "BMS-13S" }], totalMassKg: 0.12 });
  });

  it("gives a unit its model's BOM", async () => {
    const response = await maker.request(`${org}/passports/${passportId}/bom`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ source: "MODEL", lines: [{ partNumber: "BMS-13S" }] });
  });

  it("falls back to a legacy per-unit BOM when the model has none", async () => {
    const bare = (await (
      await maker.request(`${org}/models`, {
        method: "POST",
        body: { modelCode: "BOM-2", name: "No model BOM", batteryCategory: "LMT" },
      })
    ).json()) as { id: string };
    const unit = (await (
      await maker.request(`${org}/passports`, { method: "POST", body: { modelId: bare.id, serialNumber: "LEGACY-1" } })
    ).json()) as { id: string };
    expect(await (await maker.request(`${org}/passports/${unit.id}/bom`)).json()).toMatchObject({ source: null });
    await db.prisma.bom.create({
      data: {
        tenantId: maker.organizationId,
        passportId: unit.id,
        lines: {
          create: [
            {
              tenantId: maker.organizationId,
              position: 1,
              partNumber: "OLD-1",
              description: "Old pack",
              quantity: 1,
              massKg: 2,
            },
          ],
        },
      },
    });
    expect(await (await maker.request(`${org}/passports/${unit.id}/bom`)).json()).toMatchObject({
      source: "PASSPORT",
      lines: [{ partNumber: "OLD-1" }],
      totalMassKg: 2,
    });
  });

  it("refuses bad lines with 422 and keeps the BOM as it was", async () => {
    for (const line of [
      { ...lines[0], quantity: 0 },
      { ...lines[0], massKg: -1 },
      { ...lines[0], partNumber: " " },
    ]) {
      const response = await maker.request(`${org}/models/${modelId}/bom`, { method: "PUT", body: { lines: [line] } });
      expect(response.status).toBe(422);
    }
    expect(await (await maker.request(`${org}/models/${modelId}/bom`)).json()).toMatchObject({
      lines: [{ partNumber: "BMS-13S" }],
    });
  });

  it("answers 404 for unknown models and passports, 403 for a viewer writing", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await maker.request(`${org}/models/${missing}/bom`)).status).toBe(404);
    expect((await maker.request(`${org}/models/${missing}/bom`, { method: "PUT", body: { lines } })).status).toBe(404);
    expect((await maker.request(`${org}/passports/${missing}/bom`)).status).toBe(404);
    const viewer = await signInMember(app, db, "MANUFACTURER");
    await db.prisma.membership.create({
      data: { organizationId: maker.organizationId, userId: viewer.userId, role: "VIEWER" },
    });
    expect((await viewer.request(`${org}/models/${modelId}/bom`)).status).toBe(200);
    expect((await viewer.request(`${org}/models/${modelId}/bom`, { method: "PUT", body: { lines } })).status).toBe(403);
  });
});
