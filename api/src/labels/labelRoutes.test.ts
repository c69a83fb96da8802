import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLabelSheet } from "../../test/readLabelSheet.ts";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { getLabelLayout } from "./LabelLayout.ts";

const { app, db } = await createTestApp({ PUBLIC_WEB_URL: "https://passports.example/" });
afterAll(() => closeDatabase(db));

let admin: SignedInMember;
let sheets: string;
let passports: Array<{ id: string; publicId: string; serialNumber: string }>;

beforeAll(async () => {
  admin = await signInMember(app, db, "MANUFACTURER");
  const org = `/organizations/${admin.organizationId}`;
  sheets = `${org}/label-sheets`;
  await admin.request(`${org}/models/import`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: "model_code,name,battery_category\nLBL-48,Label model,LMT\n",
  });
  const rows = Array.from({ length: 25 }, (_, index) => `,LBL-48,LBL-${String(index + 1).padStart(3, "0")}`);
  await admin.request(`${org}/passports/import`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: `public_id,model_code,serial_number\n${rows.join("\n")}\n`,
  });
  passports = await db.prisma.passport.findMany({
    where: { tenantId: admin.organizationId },
    select: { id: true, publicId: true, serialNumber: true },
    orderBy: { serialNumber: "asc" },
  });
});

describe("POST /organizations/{organizationId}/label-sheets", () => {
  it("lays out one QR per passport, on as many A4 pages as needed, each opening that passport's page", async () => {
    const response = await admin.request(sheets, {
      method: "POST",
      body: { layout: "a4-3x7", passportIds: passports.map((passport) => passport.id) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const sheet = readLabelSheet(new Uint8Array(await response.arrayBuffer()), getLabelLayout("a4-3x7"));
    expect(sheet.pageCount).toBe(2);
    expect(sheet.labels).toHaveLength(25);
    expect(sheet.labels.map((label) => label.url)).toEqual(
      passports.map((passport) => `https://passports.example/p/${passport.publicId}`),
    );
    expect(sheet.text.join("\n")).toContain("LBL-025");
    expect(sheet.text.join("\n")).toContain(passports[0]!.publicId);
  });

  it("fits another layout's grid", async () => {
    const response = await admin.request(sheets, {
      method: "POST",
      body: { layout: "a4-2x4", passportIds: passports.slice(0, 9).map((passport) => passport.id) },
    });
    const sheet = readLabelSheet(new Uint8Array(await response.arrayBuffer()), getLabelLayout("a4-2x4"));
    expect(sheet.pageCount).toBe(2);
    expect(sheet.labels.filter((label) => label.url !== null)).toHaveLength(9);
  });

  it("answers 404 when one of the passports is another organization's, and renders nothing", async () => {
    const other = await signInMember(app, db, "MANUFACTURER");
    const response = await other.request(`/organizations/${other.organizationId}/label-sheets`, {
      method: "POST",
      body: { passportIds: [passports[0]!.id] },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
  });

  it("refuses an unknown layout and an empty selection with 422", async () => {
    const ids = [passports[0]!.id];
    expect((await admin.request(sheets, { method: "POST", body: { layout: "letter", passportIds: ids } })).status).toBe(
      422,
    );
    expect((await admin.request(sheets, { method: "POST", body: { passportIds: [] } })).status).toBe(422);
  });

  it("lists the layouts to anyone", async () => {
    const response = await app.request("/api/v1/label-layouts");
    const { items } = (await response.json()) as { items: Array<{ id: string }> };
    expect(items.map((item) => item.id)).toContain("a4-3x7");
  });
});
