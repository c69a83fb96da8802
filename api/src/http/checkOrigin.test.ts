import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let org: string;
beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
});

const modelCount = () => db.prisma.batteryModel.count({ where: { tenantId: maker.organizationId } });
const createModel = (code: string, headers: Record<string, string>) =>
  maker.request(`${org}/models`, {
    method: "POST",
    headers,
    body: { modelCode: code, name: "CSRF", batteryCategory: "LMT" },
  });

describe("cross-site request forgery", () => {
  it("refuses a write from a page on another localhost port, with the reader's cookie, and changes nothing", async () => {
    const before = await modelCount();
    const response = await createModel("CSRF-1", { origin: "http://localhost:3001", "sec-fetch-site": "same-site" });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await modelCount()).toBe(before);
  });

  it("refuses a write whose Origin is another site even without Sec-Fetch-Site", async () => {
    expect((await createModel("CSRF-2", { origin: "https://evil.example" })).status).toBe(403);
  });

  it("refuses a write a browser marks cross-site even without Origin", async () => {
    expect((await createModel("CSRF-3", { "sec-fetch-site": "cross-site" })).status).toBe(403);
  });

  it("takes a write from the web's own origin", async () => {
    expect(
      (await createModel("CSRF-4", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).status,
    ).toBe(201);
  });

  it("takes a write from a client that is no browser (no Origin, no Sec-Fetch-Site)", async () => {
    expect((await createModel("CSRF-5", {})).status).toBe(201);
  });
});
