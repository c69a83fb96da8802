import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
const passportIds: string[] = [];

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  const org = `/organizations/${maker.organizationId}`;
  const lmt = (await (
    await maker.request(`${org}/models`, {
      method: "POST",
      body: { modelCode: "FLEET-LMT", name: "Fleet LMT", batteryCategory: "LMT", referenceCode: "LMT-URB-36V-508" },
    })
  ).json()) as { id: string };
  const ev = (await (
    await maker.request(`${org}/models`, {
      method: "POST",
      body: { modelCode: "FLEET-EV", name: "Fleet EV", batteryCategory: "EV" },
    })
  ).json()) as { id: string };
  await maker.request(`${org}/models/${lmt.id}/attributes`, {
    method: "PATCH",
    body: { values: [{ key: "label.extinguishing_agent", value: "Water" }] },
  });
  const passports = [
    {
      modelId: lmt.id,
      serialNumber: "F-1",
      productionDate: "2026-01-10",
      attributes: [{ key: "perf.full_cycles", value: 3 }],
    },
    // Overrides an attribute the model also holds: counted once.
    { modelId: lmt.id, serialNumber: "F-2", attributes: [{ key: "label.extinguishing_agent", value: "Sand" }] },
    { modelId: ev.id, serialNumber: "F-3", productionDate: "2026-02-01" },
  ];
  for (const passport of passports) {
    const response = await maker.request(`${org}/passports`, { method: "POST", body: passport });
    passportIds.push(((await response.json()) as { id: string }).id);
  }
});

describe("fleet completeness", () => {
  it("gives every passport the completeness of its own detail view, in one query", async () => {
    const org = `/organizations/${maker.organizationId}`;
    const page = (await (await maker.request(`${org}/completeness/passports?limit=10`)).json()) as {
      items: Array<{ id: string; presentCount: number; mandatoryCount: number; completenessPct: number }>;
    };
    expect(page.items).toHaveLength(3);
    for (const row of page.items) {
      const detail = (await (await maker.request(`${org}/passports/${row.id}`)).json()) as {
        completeness: { presentCount: number; mandatoryCount: number; completenessPct: number };
      };
      expect(row.presentCount).toBe(detail.completeness.presentCount);
      expect(row.mandatoryCount).toBe(detail.completeness.mandatoryCount);
      expect(row.completenessPct).toBe(detail.completeness.completenessPct);
    }
  });

  it("sums the fleet per model, complete only with every mandatory attribute (no threshold)", async () => {
    const fleet = (await (await maker.request(`/organizations/${maker.organizationId}/completeness`)).json()) as {
      thresholdPct?: number;
      passportCount: number;
      completeCount: number;
      incompleteCount: number;
      models: Array<{ modelCode: string; passportCount: number; completeCount: number }>;
    };
    const statuses = await Promise.all(
      passportIds.map(async (id) => {
        const detail = (await (
          await maker.request(`/organizations/${maker.organizationId}/passports/${id}`)
        ).json()) as {
          completeness: { status: string };
        };
        return detail.completeness.status;
      }),
    );
    // F-1 has a production date and a cycle count on top of F-2's values, still far from every
    // mandatory attribute (it passed the old 30 % threshold); the EV model is empty.
    expect(statuses).toEqual(["INCOMPLETE", "INCOMPLETE", "INCOMPLETE"]);
    expect(fleet.thresholdPct).toBeUndefined();
    expect([fleet.passportCount, fleet.completeCount, fleet.incompleteCount]).toEqual([3, 0, 3]);
    expect(fleet.models.map((model) => [model.modelCode, model.passportCount, model.completeCount])).toEqual([
      ["FLEET-EV", 1, 0],
      ["FLEET-LMT", 2, 0],
    ]);
  });

  it("pages through passports with a cursor", async () => {
    const org = `/organizations/${maker.organizationId}`;
    const first = (await (await maker.request(`${org}/completeness/passports?limit=2`)).json()) as {
      items: unknown[];
      nextCursor: string;
    };
    const second = (await (
      await maker.request(`${org}/completeness/passports?limit=2&cursor=${first.nextCursor}`)
    ).json()) as {
      items: unknown[];
      nextCursor: string | null;
    };
    expect([first.items.length, second.items.length, second.nextCursor]).toEqual([2, 1, null]);
  });
});

describe("fleet completeness counts only what the passport's category makes mandatory", () => {
  it("agrees with every passport's detail view across categories, overrides and non-mandatory values", async () => {
    const member = await signInMember(app, db, "MANUFACTURER");
    const org = `/organizations/${member.organizationId}`;
    const createModel = async (body: Record<string, unknown>) =>
      ((await (await member.request(`${org}/models`, { method: "POST", body })).json()) as { id: string }).id;
    const lmt = await createModel({
      modelCode: "RULES-LMT",
      name: "Rules LMT",
      batteryCategory: "LMT",
      attributes: [{ key: "label.extinguishing_agent", value: "Water" }],
    });
    const ev = await createModel({ modelCode: "RULES-EV", name: "Rules EV", batteryCategory: "EV" });
    const units = [
      // EV-only and non-mandatory values do not count for an LMT unit; an LMT-mandatory one does.
      {
        modelId: lmt,
        serialNumber: "R-1",
        attributes: [
          { key: "perf.state_of_certified_energy_pct", value: 90 },
          { key: "perf.remaining_usable_energy_kwh", value: 0.4 },
          { key: "perf.current_self_discharge_pct_month", value: 1 },
          { key: "perf.remaining_power_w", value: [{ atSoC: 80, powerCapabilityAt: 250 }] },
        ],
      },
      // The unit's own value of an inheritable attribute counts when its model has none.
      { modelId: ev, serialNumber: "R-2", attributes: [{ key: "label.extinguishing_agent", value: "Sand" }] },
      // LMT-only values do not count for an EV unit; the EV-only one does.
      {
        modelId: ev,
        serialNumber: "R-3",
        productionDate: "2026-03-01",
        attributes: [
          { key: "perf.remaining_power_w", value: [{ atSoC: 80, powerCapabilityAt: 250 }] },
          { key: "perf.state_of_certified_energy_pct", value: 90 },
        ],
      },
      { modelId: lmt, serialNumber: "R-4" },
    ];
    for (const unit of units) {
      expect((await member.request(`${org}/passports`, { method: "POST", body: unit })).status).toBe(201);
    }
    const page = (await (await member.request(`${org}/completeness/passports?limit=10`)).json()) as {
      items: Array<{ id: string; serialNumber: string; presentCount: number; mandatoryCount: number }>;
    };
    expect(page.items).toHaveLength(units.length);
    const present = new Map<string, number>();
    for (const row of page.items) {
      const detail = (await (await member.request(`${org}/passports/${row.id}`)).json()) as {
        completeness: { presentCount: number; mandatoryCount: number };
      };
      expect([row.serialNumber, row.presentCount, row.mandatoryCount]).toEqual([
        row.serialNumber,
        detail.completeness.presentCount,
        detail.completeness.mandatoryCount,
      ]);
      present.set(row.serialNumber, row.presentCount);
    }
    // R-1 adds exactly one counted value over the bare unit of the same model.
    expect(present.get("R-1")! - present.get("R-4")!).toBe(1);
    const fleet = (await (await member.request(`${org}/completeness`)).json()) as {
      passportCount: number;
      models: Array<{ modelCode: string; passportCount: number }>;
    };
    expect(fleet.passportCount).toBe(units.length);
    expect(fleet.models.map((model) => [model.modelCode, model.passportCount])).toEqual([
      ["RULES-EV", 2],
      ["RULES-LMT", 2],
    ]);
  });
});
