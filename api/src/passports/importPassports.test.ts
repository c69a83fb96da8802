import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  const models =
    "model_code,name,battery_category,reference_code\nIMP-36,Import 36V,LMT,LMT-VOL-36V-508\nIMP-48,Import 48V,LMT,\n";
  expect((await importModels(models)).status).toBe(200);
});

const importCsv = (kind: "models" | "passports", csv: string) =>
  maker.request(`/organizations/${maker.organizationId}/${kind}/import`, {
    method: "POST",
    body: csv,
    headers: { "content-type": "text/csv" },
  });
const importModels = (csv: string) => importCsv("models", csv);
const importPassports = (csv: string) => importCsv("passports", csv);
const countPassports = () => db.prisma.passport.count({ where: { tenantId: maker.organizationId } });

describe("POST /organizations/{organizationId}/passports/import", () => {
  const good =
    "public_id,model_code,serial_number\nimpAAAAAAAA1,IMP-36,S-1\nimpAAAAAAAA2,IMP-36,S-2\nimpAAAAAAAA3,IMP-48,S-1\n";

  it("imports every row", async () => {
    const response = await importPassports(good);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ rows: 3, created: 3, unchanged: 0 });
  });

  it("creates no duplicates when the same file is imported again", async () => {
    const before = await countPassports();
    expect(await (await importPassports(good)).json()).toEqual({ rows: 3, created: 0, unchanged: 3 });
    expect(await countPassports()).toBe(before);
  });

  it("reports every bad row with its line number and imports nothing", async () => {
    const before = await countPassports();
    const csv = [
      "public_id,model_code,serial_number",
      "impBBBBBBBB1,IMP-36,S-10",
      "impBBBBBBBB2,NOPE,S-11",
      "bad id!,IMP-36,S-12",
      "impBBBBBBBB4,IMP-36,",
      "impBBBBBBBB5,IMP-36,S-10",
    ].join("\n");
    const response = await importPassports(csv);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: Array<{ line: number; reason: string }> };
    expect(problem.errors.map((error) => error.line)).toEqual([3, 4, 5, 6]);
    expect(problem.errors[0]!.reason).toContain('model_code "NOPE"');
    expect(problem.errors[3]!.reason).toContain("repeats line 2");
    expect(await countPassports()).toBe(before);
  });

  it("refuses a serial number already registered under another public id", async () => {
    const response = await importPassports("public_id,model_code,serial_number\nimpCCCCCCCC1,IMP-36,S-1\n");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      errors: [{ line: 2, reason: expect.stringContaining("already registered") }],
    });
  });

  it("refuses a file without the required columns", async () => {
    const response = await importPassports("id,serial\nx,y\n");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      errors: [{ line: 1, reason: expect.stringContaining("missing column") }, { line: 1 }],
    });
  });

  it("cannot use another tenant's model code", async () => {
    const other = await signInMember(app, db, "MANUFACTURER");
    const response = await other.request(`/organizations/${other.organizationId}/passports/import`, {
      method: "POST",
      body: "public_id,model_code,serial_number\nimpDDDDDDDD1,IMP-36,S-99\n",
      headers: { "content-type": "text/csv" },
    });
    expect(response.status).toBe(422);
  });
});

describe("POST /organizations/{organizationId}/passports/import against stored passports", () => {
  it("refuses a public id already used by another passport and stores none of the file", async () => {
    const before = await countPassports();
    const response = await importPassports(
      "public_id,model_code,serial_number\nimpEEEEEEEE1,IMP-36,S-50\nimpAAAAAAAA1,IMP-48,S-51\n",
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      errors: [{ line: 3, reason: expect.stringContaining("public_id impAAAAAAAA1 is already in use") }],
    });
    expect(await countPassports()).toBe(before);
  });

  it("gives rows without a public id a generated one, and matches them by serial number on re-import", async () => {
    const csv = "public_id,model_code,serial_number,production_date,lifecycle_state\n,IMP-48,GEN-1,2026-02-03,REUSED\n";
    expect(await (await importPassports(csv)).json()).toEqual({ rows: 1, created: 1, unchanged: 0 });
    const stored = await db.prisma.passport.findFirstOrThrow({
      where: { tenantId: maker.organizationId, serialNumber: "GEN-1" },
    });
    expect(stored.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(stored).toMatchObject({ lifecycleState: "REUSED", productionDate: new Date("2026-02-03") });
    expect(await (await importPassports(csv)).json()).toEqual({ rows: 1, created: 0, unchanged: 1 });
  });

  it("accepts a file with a header and no rows", async () => {
    expect(await (await importPassports("public_id,model_code,serial_number\n")).json()).toEqual({
      rows: 0,
      created: 0,
      unchanged: 0,
    });
  });

  it("reports a file that cannot be parsed with its line", async () => {
    const response = await importPassports(
      'public_id,model_code,serial_number\nimpFFFFFFFF1,IMP-36,S-60\n"open,IMP-36\n',
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ detail: expect.stringContaining("cannot be parsed") });
    const ragged = await importPassports("public_id,model_code,serial_number\nimpFFFFFFFF2,IMP-36\n");
    expect(ragged.status).toBe(422);
    expect(await db.prisma.passport.count({ where: { publicId: { in: ["impFFFFFFFF1", "impFFFFFFFF2"] } } })).toBe(0);
  });

  it("stores each unit once when the same file is imported twice at the same time", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `impPAR${String(i).padStart(6, "0")},IMP-36,PAR-${i}`);
    const csv = `public_id,model_code,serial_number\n${rows.join("\n")}\n`;
    const responses = await Promise.all([importPassports(csv), importPassports(csv)]);
    for (const response of responses) expect([200, 409]).toContain(response.status);
    const created = await Promise.all(
      responses.map(async (response) =>
        response.status === 200 ? ((await response.json()) as { created: number }).created : 0,
      ),
    );
    expect(created.reduce((sum, count) => sum + count, 0)).toBe(200);
    expect(await db.prisma.passport.count({ where: { serialNumber: { startsWith: "PAR-" } } })).toBe(200);
  });
});

describe("POST /organizations/{organizationId}/models/import", () => {
  it("copies the reference baseline onto an imported model", async () => {
    const model = await db.prisma.batteryModel.findFirstOrThrow({
      where: { tenantId: maker.organizationId, modelCode: "IMP-36" },
    });
    const chemistry = await db.prisma.attributeValue.findFirst({
      where: { modelId: model.id, attribute: { key: "mat.chemistry" } },
    });
    expect(chemistry?.valueJson).toEqual({ shortName: "NMC 811", clearName: "Lithium nickel manganese cobalt oxide" });
  });

  it("updates instead of duplicating on re-import, with attribute columns", async () => {
    const response = await importModels(
      'model_code,name,battery_category,mat.chemistry\nIMP-48,Import 48V v2,LMT,"{""shortName"":""LFP"",""clearName"":""Lithium iron phosphate""}"\n',
    );
    expect(await response.json()).toEqual({ rows: 1, created: 0, updated: 1 });
    expect(await db.prisma.batteryModel.count({ where: { tenantId: maker.organizationId } })).toBe(2);
  });

  it("reports bad rows and unknown attribute columns", async () => {
    const unknown = await importModels("model_code,name,battery_category,circ.unicorn\nX,Y,LMT,1\n");
    expect(await unknown.json()).toMatchObject({
      errors: [{ line: 1, reason: expect.stringContaining("circ.unicorn") }],
    });
    const bad = await importModels(
      "model_code,name,battery_category,reference_code,id.battery_mass_kg\nOK-1,Fine,LMT,,2.5\nBAD-1,Bad,SCOOTER,NOPE,heavy\n",
    );
    const problem = (await bad.json()) as { errors: Array<{ line: number; reason: string }> };
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]).toMatchObject({ line: 3 });
    expect(problem.errors[0]!.reason).toMatch(/battery_category.*reference_code.*must be a number/);
    expect(await db.prisma.batteryModel.count({ where: { tenantId: maker.organizationId, modelCode: "OK-1" } })).toBe(
      0,
    );
  });
});
