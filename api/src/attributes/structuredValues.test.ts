import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { getAttributeCatalogue } from "./AttributeCatalogue.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let org: string;
let modelId: string;
let passportId: string;
let publicId: string;

const ADDRESS = { streetAddress: "Annaberger Str. 240", postalCode: "09125", addressCountry: "DE" };
const MANUFACTURER = {
  contactName: "Structured Cells GmbH",
  identifier: "LEI 5299000STRUCT00001",
  postalAddress: ADDRESS,
  emailAddress: "passport@structured.example",
};

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
  const model = await maker.request(`${org}/models`, {
    method: "POST",
    body: { modelCode: "STRUCT-1", name: "Structured model", batteryCategory: "LMT" },
  });
  modelId = ((await model.json()) as { id: string }).id;
  const passport = await maker.request(`${org}/passports`, {
    method: "POST",
    body: { modelId, serialNumber: "STRUCT-SN-1" },
  });
  ({ id: passportId, publicId } = (await passport.json()) as { id: string; publicId: string });
});

const writeModel = (values: unknown[]) =>
  maker.request(`${org}/models/${modelId}/attributes`, { method: "PATCH", body: { values } });
const writePassport = (values: unknown[]) =>
  maker.request(`${org}/passports/${passportId}/attributes`, { method: "PATCH", body: { values } });
const countValues = () => db.prisma.attributeValue.count({ where: { OR: [{ modelId }, { passportId }] } });

async function expectProblem(response: Response, reason: string) {
  expect(response.status).toBe(422);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const problem = (await response.json()) as { errors: Array<{ reason: string }> };
  expect(problem.errors.map((error) => error.reason).join("\n")).toContain(reason);
}

async function readAttribute(key: string): Promise<unknown> {
  const response = await maker.request(`/passports/${publicId}`);
  const passport = (await response.json()) as { attributes: Array<{ key: string; value: unknown }> };
  return passport.attributes.find((attribute) => attribute.key === key)?.value;
}

describe("the catalogue", () => {
  it("holds a JSON Schema for every structured attribute and none for the others", async () => {
    const catalogue = await getAttributeCatalogue(db);
    const structured = catalogue.definitions.filter((definition) => definition.valueType === "STRUCTURED");
    expect(structured.map((definition) => definition.key)).toEqual(
      expect.arrayContaining([
        "id.manufacturer",
        "id.operator",
        "id.manufacturing_place",
        "mat.chemistry",
        "mat.electrode_electrolyte_materials",
        "mat.hazardous_substances",
        "label.symbols_meaning",
        "circ.dismantling_manual",
        "circ.spare_parts_sources",
        "perf.original_power_w",
        "perf.remaining_power_w",
        "perf.initial_internal_resistance_ohm",
        "perf.internal_resistance_increase_pct",
        "perf.accident_information",
      ]),
    );
    for (const definition of catalogue.definitions)
      expect(definition.valueSchema === null).toBe(definition.valueType !== "STRUCTURED");
  });
});

describe("structured values through the JSON api", () => {
  it("stores a structure and reads it back as a structure", async () => {
    const response = await writeModel([
      { key: "id.manufacturer", value: MANUFACTURER },
      { key: "mat.chemistry", value: { shortName: "LFP", clearName: "Lithium iron phosphate" } },
      {
        key: "perf.original_power_w",
        value: [
          { atSoC: 80, powerCapabilityAt: 900 },
          { atSoC: 20, powerCapabilityAt: 610 },
        ],
      },
    ]);
    expect(response.status).toBe(200);
    expect(await readAttribute("id.manufacturer")).toEqual(MANUFACTURER);
    expect(await readAttribute("perf.original_power_w")).toEqual([
      { atSoC: 80, powerCapabilityAt: 900 },
      { atSoC: 20, powerCapabilityAt: 610 },
    ]);
  });

  it("stores a per-unit structure on the passport", async () => {
    const events = [{ negativeEvent: "Dropped from 1.5 m during installation", occurredAt: "2026-03-01T09:30:00Z" }];
    expect((await writePassport([{ key: "perf.accident_information", value: events }])).status).toBe(200);
    expect(await readAttribute("perf.accident_information")).toEqual(events);
  });

  it("refuses a missing required property with 422 and stores nothing", async () => {
    const before = await countValues();
    const { postalAddress: _, ...withoutAddress } = MANUFACTURER;
    await expectProblem(
      await writeModel([
        { key: "id.manufacturer", value: withoutAddress },
        { key: "id.battery_mass_kg", value: 2.5 },
      ]),
      "id.manufacturer must have required property 'postalAddress'",
    );
    expect(await countValues()).toBe(before);
  });

  it("refuses an unknown property, naming it", async () => {
    await expectProblem(
      await writeModel([{ key: "mat.chemistry", value: { shortName: "NMC", clearName: "x", colour: "blue" } }]),
      'mat.chemistry has no property "colour"',
    );
  });

  it("refuses a value outside the schema's enum, with the schema's spelling", async () => {
    await expectProblem(
      await writeModel([
        { key: "perf.initial_internal_resistance_ohm", value: [{ batteryComponent: "Pack", ohmicResistance: 0.1 }] },
      ]),
      "must be one of pack, module, cell",
    );
  });

  it("refuses a malformed CAS number with the path of the bad item", async () => {
    await expectProblem(
      await writeModel([
        {
          key: "mat.electrode_electrolyte_materials",
          value: [
            {
              batteryMaterialName: "Graphite",
              batteryMaterialIdentifier: "7782-42-5 ",
              batteryMaterialMass: 0.4,
              batteryMaterialLocation: { componentName: "Anode" },
              isCriticalRawMaterial: true,
            },
          ],
        },
      ]),
      "mat.electrode_electrolyte_materials/0/batteryMaterialIdentifier must match pattern",
    );
  });

  it("refuses a scalar where a structure is expected", async () => {
    await expectProblem(
      await writeModel([{ key: "id.manufacturer", value: "Volta Cells GmbH" }]),
      "must be an object or a list",
    );
  });

  it("refuses a structure where a scalar is expected", async () => {
    await expectProblem(await writeModel([{ key: "id.battery_mass_kg", value: { kg: 2 } }]), "must be a number");
  });
});

describe("structured values in a CSV import of models", () => {
  const csv = (body: string) =>
    maker.request(`${org}/models/import`, { method: "POST", headers: { "content-type": "text/csv" }, body });
  const cell = (value: unknown) => `"${JSON.stringify(value).replaceAll('"', '""')}"`;

  it("takes a structure as JSON in its cell", async () => {
    const response = await csv(
      `model_code,name,battery_category,id.manufacturing_place\nSTRUCT-CSV-1,CSV model,LMT,${cell(ADDRESS)}\n`,
    );
    expect(response.status).toBe(200);
    const model = await db.prisma.batteryModel.findFirstOrThrow({
      where: { tenantId: maker.organizationId, modelCode: "STRUCT-CSV-1" },
      include: { values: { include: { attribute: true } } },
    });
    const place = model.values.find((value) => value.attribute.key === "id.manufacturing_place");
    expect(place?.valueJson).toEqual(ADDRESS);
    expect(place?.valueText).toBeNull();
  });

  it("refuses a cell that is not JSON, naming line and attribute, and stores nothing", async () => {
    const response = await csv(
      "model_code,name,battery_category,id.manufacturing_place\nSTRUCT-CSV-2,Bad,LMT,Chemnitz\n",
    );
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: Array<{ line: number; reason: string }> };
    expect(problem.errors[0]).toMatchObject({ line: 2 });
    expect(problem.errors[0]?.reason).toContain("id.manufacturing_place must be JSON");
    expect(await db.prisma.batteryModel.count({ where: { modelCode: "STRUCT-CSV-2" } })).toBe(0);
  });

  it("refuses JSON of the wrong shape", async () => {
    const response = await csv(
      `model_code,name,battery_category,id.manufacturing_place\nSTRUCT-CSV-3,Bad,LMT,${cell({ city: "Chemnitz" })}\n`,
    );
    expect(response.status).toBe(422);
  });
});

describe("reference baselines", () => {
  it("provision a model with structured chemistry, power, resistance and materials", async () => {
    const response = await maker.request(`${org}/models`, {
      method: "POST",
      body: {
        modelCode: "STRUCT-REF-1",
        name: "From reference",
        batteryCategory: "LMT",
        referenceCode: "LMT-VOL-36V-461",
      },
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const attributes = await maker.request(`${org}/models/${id}/attributes`);
    const views = (await attributes.json()) as { items: Array<{ key: string; value: unknown }> };
    const value = (key: string) => views.items.find((view) => view.key === key)?.value;
    expect(value("mat.chemistry")).toEqual({ shortName: "LFP", clearName: "Lithium iron phosphate" });
    expect(value("perf.original_power_w")).toEqual([{ atSoC: 80, powerCapabilityAt: 1152 }]);
    expect(value("perf.initial_internal_resistance_ohm")).toEqual([
      { batteryComponent: "pack", ohmicResistance: 0.12 },
    ]);
    expect(value("mat.electrode_electrolyte_materials")).toEqual(
      expect.arrayContaining([expect.objectContaining({ batteryMaterialIdentifier: "15365-14-7" })]),
    );
  });
});
