import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let url: string;

const declaration = {
  performanceClass: "B",
  kgCo2ePerKwh: 71.3,
  lifecycleStages: {
    rawMaterialAcquisitionPct: 62,
    mainProductionPct: 31,
    distributionPct: 2,
    endOfLifeRecyclingPct: 5,
  },
  studyUrl: "https://example.com/carbon-study.pdf",
  absoluteTCo2e: 12,
};

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  const model = (await (
    await maker.request(`/organizations/${maker.organizationId}/models`, {
      method: "POST",
      body: { modelCode: "CF-1", name: "Carbon", batteryCategory: "LMT" },
    })
  ).json()) as { id: string };
  url = `/organizations/${maker.organizationId}/models/${model.id}/carbon-footprint`;
});

describe("carbon footprint declaration", () => {
  it("reads as undeclared before anything is declared", async () => {
    const response = await maker.request(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      declared: false,
      performanceClass: null,
      kgCo2ePerKwh: null,
      lifecycleStages: {
        rawMaterialAcquisitionPct: null,
        mainProductionPct: null,
        distributionPct: null,
        endOfLifeRecyclingPct: null,
      },
      studyUrl: null,
      absoluteTCo2e: null,
    });
  });

  it("stores a declaration and reads it back, also as the model's cf.* attributes", async () => {
    const response = await maker.request(url, { method: "PUT", body: declaration });
    expect(response.status).toBe(200);
    const expected = { declared: true, ...declaration };
    expect(await response.json()).toEqual(expected);
    expect(await (await maker.request(url)).json()).toEqual(expected);
    const attributes = (await (await maker.request(url.replace("/carbon-footprint", "/attributes"))).json()) as {
      items: Array<{ key: string; value: unknown }>;
    };
    expect(attributes.items.find((item) => item.key === "cf.kg_co2e_per_kwh")?.value).toBe(71.3);
  });

  it("clears optional fields left out of a new declaration", async () => {
    const { studyUrl: _studyUrl, absoluteTCo2e: _absolute, ...required } = declaration;
    const response = await maker.request(url, { method: "PUT", body: { ...required, performanceClass: "C" } });
    expect(await response.json()).toMatchObject({ performanceClass: "C", studyUrl: null, absoluteTCo2e: null });
  });

  it("refuses stage shares that do not add up to 100 % and stores nothing", async () => {
    const response = await maker.request(url, {
      method: "PUT",
      body: {
        ...declaration,
        performanceClass: "A",
        lifecycleStages: { ...declaration.lifecycleStages, distributionPct: 40 },
      },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ detail: expect.stringContaining("not 100 %") });
    expect(await (await maker.request(url)).json()).toMatchObject({ performanceClass: "C" });
  });

  it("refuses an unknown class, a negative intensity and a bad URL with 422", async () => {
    for (const body of [
      { ...declaration, performanceClass: "F" },
      { ...declaration, kgCo2ePerKwh: -1 },
      { ...declaration, studyUrl: "not a url" },
    ]) {
      expect((await maker.request(url, { method: "PUT", body })).status).toBe(422);
    }
  });

  it("answers 404 for another tenant's model under the caller's organization and 403 for a viewer", async () => {
    const other = await signInMember(app, db, "MANUFACTURER");
    const foreign = url.replace(maker.organizationId, other.organizationId);
    expect((await other.request(foreign)).status).toBe(404);
    expect((await other.request(foreign, { method: "PUT", body: declaration })).status).toBe(404);
    const viewer = await signInMember(app, db, "MANUFACTURER");
    await db.prisma.membership.create({
      data: { organizationId: maker.organizationId, userId: viewer.userId, role: "VIEWER" },
    });
    expect((await viewer.request(url)).status).toBe(200);
    expect((await viewer.request(url, { method: "PUT", body: declaration })).status).toBe(403);
  });
});
