import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let admin: SignedInMember;
let passports: string;
let modelA: string;
let modelB: string;

interface ListPage {
  items: Array<{
    serialNumber: string;
    publicId: string;
    lifecycleState: string;
    completenessPct: number;
    completenessStatus: string;
    model: { modelCode: string };
  }>;
  nextCursor: string | null;
  total: number;
}

const list = async (query: string): Promise<ListPage> => {
  const response = await admin.request(`${passports}?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ListPage;
};

beforeAll(async () => {
  admin = await signInMember(app, db, "MANUFACTURER");
  const org = `/organizations/${admin.organizationId}`;
  passports = `${org}/passports`;
  const lines = ["model_code,name,battery_category", "LIST-A,List A,LMT", "LIST-B,List B,EV"];
  await admin.request(`${org}/models/import`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: `${lines.join("\n")}\n`,
  });
  const models = await db.prisma.batteryModel.findMany({ where: { tenantId: admin.organizationId } });
  modelA = models.find((model) => model.modelCode === "LIST-A")!.id;
  modelB = models.find((model) => model.modelCode === "LIST-B")!.id;
  const rows = ["public_id,model_code,serial_number,lifecycle_state"];
  for (let index = 1; index <= 12; index++) {
    const serial = `SN-${String(index).padStart(3, "0")}`;
    rows.push(`,${index % 3 === 0 ? "LIST-B" : "LIST-A"},${serial},${index === 7 ? "WASTE" : "ORIGINAL"}`);
  }
  rows.push(",LIST-A,odd%_serial,ORIGINAL");
  const imported = await admin.request(`${passports}/import`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: `${rows.join("\n")}\n`,
  });
  expect(imported.status).toBe(200);
});

describe("GET /organizations/{organizationId}/passports", () => {
  it("pages through every passport sorted by serial number, each once, with the total", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ListPage = await list(`sort=serialNumber&order=asc&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(13);
      seen.push(...page.items.map((item) => item.serialNumber));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(13);
  });

  it("pages newest first by default without repeating or skipping rows created in the same instant", async () => {
    const first = await list("limit=7");
    const second = await list(`limit=7&cursor=${first.nextCursor}`);
    const all = [...first.items, ...second.items].map((item) => item.serialNumber);
    expect(new Set(all).size).toBe(13);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by model and by lifecycle state, and counts only the matches", async () => {
    const ofB = await list(`modelId=${modelB}`);
    expect(ofB.total).toBe(4);
    expect(ofB.items.every((item) => item.model.modelCode === "LIST-B")).toBe(true);
    const waste = await list(`lifecycleState=WASTE&modelId=${modelA}`);
    expect(waste.items.map((item) => item.serialNumber)).toEqual(["SN-007"]);
    expect(waste.total).toBe(1);
  });

  it("searches the start of a serial number case-insensitively, or a whole public id", async () => {
    const part = await list("q=sn-01&sort=serialNumber&order=asc");
    expect(part.items.map((item) => item.serialNumber)).toEqual(["SN-010", "SN-011", "SN-012"]);
    const one = part.items[0]!;
    const byPublicId = await list(`q=${one.publicId}`);
    expect(byPublicId.items.map((item) => item.serialNumber)).toEqual(["SN-010"]);
  });

  it("takes % and _ in a search literally", async () => {
    const page = await list(`q=${encodeURIComponent("odd%_")}`);
    expect((await list(`q=${encodeURIComponent("odd%x")}`)).items).toEqual([]);
    expect(page.items.map((item) => item.serialNumber)).toEqual(["odd%_serial"]);
  });

  it("gives each passport its completeness and its status", async () => {
    const page = await list("limit=1");
    expect(page.items[0]).toMatchObject({
      completenessPct: expect.any(Number),
      completenessStatus: "INCOMPLETE",
    });
  });

  it("refuses a cursor issued for another sort with 422", async () => {
    const page = await list("sort=serialNumber&limit=2");
    const response = await admin.request(`${passports}?sort=createdAt&limit=2&cursor=${page.nextCursor}`);
    expect(response.status).toBe(422);
    expect((await admin.request(`${passports}?sort=price`)).status).toBe(422);
  });
});
