import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let modelId: string;
let passportId: string;

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  const model = await maker.request(`/organizations/${maker.organizationId}/models`, {
    method: "POST",
    body: { modelCode: "VAL-1", name: "Validation model", batteryCategory: "LMT" },
  });
  modelId = ((await model.json()) as { id: string }).id;
  const passport = await maker.request(`/organizations/${maker.organizationId}/passports`, {
    method: "POST",
    body: { modelId, serialNumber: "VAL-SN-1" },
  });
  passportId = ((await passport.json()) as { id: string }).id;
});

const writeModel = (values: unknown[]) =>
  maker.request(`/organizations/${maker.organizationId}/models/${modelId}/attributes`, {
    method: "PATCH",
    body: { values },
  });
const writePassport = (values: unknown[]) =>
  maker.request(`/organizations/${maker.organizationId}/passports/${passportId}/attributes`, {
    method: "PATCH",
    body: { values },
  });
const countValues = () => db.prisma.attributeValue.count({ where: { OR: [{ modelId }, { passportId }] } });

async function expectRefused(response: Response, reason: string) {
  expect(response.status).toBe(422);
  const problem = (await response.json()) as { errors: Array<{ reason: string }> };
  expect(problem.errors.map((error) => error.reason).join("\n")).toContain(reason);
}

describe("attribute writes refuse bad input and store nothing", () => {
  it("refuses a value of the wrong type", async () => {
    const before = await countValues();
    await expectRefused(await writeModel([{ key: "id.battery_mass_kg", value: "heavy" }]), "must be a number");
    expect(await countValues()).toBe(before);
  });

  it("refuses a value in the wrong unit", async () => {
    await expectRefused(await writeModel([{ key: "id.battery_mass_kg", value: 2500, unit: "g" }]), "is in kg");
  });

  it("refuses an unknown attribute key", async () => {
    await expectRefused(
      await writeModel([{ key: "circ.unicorn_pct", value: 1 }]),
      "unknown attribute key circ.unicorn_pct",
    );
  });

  it("refuses a model-level attribute written on a passport", async () => {
    await expectRefused(
      await writePassport([{ key: "mat.chemistry", value: { shortName: "LFP", clearName: "Lithium iron phosphate" } }]),
      "model-level attribute",
    );
  });

  it("refuses a unit-level attribute written on a model", async () => {
    await expectRefused(await writeModel([{ key: "perf.full_cycles", value: 3 }]), "per battery unit");
  });

  it("refuses a derived attribute", async () => {
    await expectRefused(await writePassport([{ key: "id.battery_id", value: "X" }]), "passport.serial_number");
  });

  it("stores nothing when one value of several is bad", async () => {
    const before = await countValues();
    const response = await writeModel([
      { key: "mat.chemistry", value: { shortName: "LFP", clearName: "Lithium iron phosphate" } },
      { key: "circ.renewable_content_pct", value: 140 },
    ]);
    expect(response.status).toBe(422);
    expect(await countValues()).toBe(before);
  });

  it("refuses a passport for another tenant's model with 404", async () => {
    const other = await signInMember(app, db, "MANUFACTURER");
    const response = await other.request(`/organizations/${other.organizationId}/passports`, {
      method: "POST",
      body: { modelId, serialNumber: "STOLEN-1" },
    });
    expect(response.status).toBe(404);
    expect(await db.prisma.passport.count({ where: { serialNumber: "STOLEN-1" } })).toBe(0);
  });

  it("refuses writes from a viewer with 403", async () => {
    const viewer = await signInMember(app, db, "MANUFACTURER", "VIEWER");
    const response = await viewer.request(`/organizations/${viewer.organizationId}/models`, {
      method: "POST",
      body: { modelCode: "V-1", name: "Viewer model", batteryCategory: "LMT" },
    });
    expect(response.status).toBe(403);
  });
});

describe("effective values through the api", () => {
  it("lets a passport override an inheritable attribute and reads the model value otherwise", async () => {
    await writeModel([{ key: "label.extinguishing_agent", value: "Water" }]);
    const inherited = (await (await writePassport([{ key: "perf.full_cycles", value: 5 }])).json()) as {
      attributes: Array<{ key: string; value: unknown; source: string }>;
    };
    expect(inherited.attributes.find((a) => a.key === "label.extinguishing_agent")).toMatchObject({
      value: "Water",
      source: "MODEL",
    });
    const overridden = (await (await writePassport([{ key: "label.extinguishing_agent", value: "Sand" }])).json()) as {
      attributes: Array<{ key: string; value: unknown; source: string }>;
    };
    expect(overridden.attributes.find((a) => a.key === "label.extinguishing_agent")).toMatchObject({
      value: "Sand",
      source: "PASSPORT",
    });
  });

  it("counts a model value towards every passport's completeness", async () => {
    const read = async () =>
      (
        (await (await maker.request(`/organizations/${maker.organizationId}/passports/${passportId}`)).json()) as {
          completeness: { presentCount: number };
        }
      ).completeness.presentCount;
    const before = await read();
    await writeModel([{ key: "perf.nominal_voltage_v", value: 36 }]);
    expect(await read()).toBe(before + 1);
  });
});
