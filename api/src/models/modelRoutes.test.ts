import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let org: string;
let model: { id: string; updatedAt: string };

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
  const response = await maker.request(`${org}/models`, {
    method: "POST",
    body: { modelCode: "PATCH-1", name: "Patch me", batteryCategory: "LMT" },
  });
  model = (await response.json()) as { id: string; updatedAt: string };
});

const patch = (body: unknown, member = maker, modelId = model.id) =>
  member.request(`/organizations/${maker.organizationId}/models/${modelId}`, { method: "PATCH", body });

describe("PATCH /organizations/{organizationId}/models/{modelId}", () => {
  it("renames a model and keeps its code", async () => {
    const response = await patch({ name: "Patched 48V" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: model.id,
      modelCode: "PATCH-1",
      name: "Patched 48V",
      batteryCategory: "LMT",
    });
    expect((await db.prisma.batteryModel.findUniqueOrThrow({ where: { id: model.id } })).name).toBe("Patched 48V");
  });

  it("changes the battery category, and with it the mandatory set its passports are measured against", async () => {
    const passport = (await (
      await maker.request(`${org}/passports`, { method: "POST", body: { modelId: model.id, serialNumber: "P-1" } })
    ).json()) as { id: string };
    const mandatoryCount = async () => {
      const page = (await (await maker.request(`${org}/completeness/passports?limit=10`)).json()) as {
        items: Array<{ id: string; mandatoryCount: number; presentCount: number }>;
      };
      const row = page.items.find((item) => item.id === passport.id)!;
      const detail = (await (await maker.request(`${org}/passports/${passport.id}`)).json()) as {
        completeness: { mandatoryCount: number; presentCount: number };
      };
      expect([row.mandatoryCount, row.presentCount]).toEqual([
        detail.completeness.mandatoryCount,
        detail.completeness.presentCount,
      ]);
      return row.mandatoryCount;
    };
    const asLmt = await mandatoryCount();
    const response = await patch({ batteryCategory: "EV" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ batteryCategory: "EV" });
    expect(await mandatoryCount()).not.toBe(asLmt);
  });

  it("refuses an unknown battery category and an empty name with 422, changing nothing", async () => {
    expect((await patch({ batteryCategory: "SCOOTER" })).status).toBe(422);
    expect((await patch({ name: "  " })).status).toBe(422);
    expect(await db.prisma.batteryModel.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({
      name: "Patched 48V",
      batteryCategory: "EV",
    });
  });

  it("answers 404 for a model that does not exist and 403 for a viewer", async () => {
    expect((await patch({ name: "Ghost" }, maker, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const viewer = await signInMember(app, db, "MANUFACTURER", "VIEWER");
    await db.prisma.membership.create({
      data: { organizationId: maker.organizationId, userId: viewer.userId, role: "VIEWER" },
    });
    expect((await patch({ name: "Viewer rename" }, viewer)).status).toBe(403);
  });

  it("answers 401 without a session", async () => {
    const response = await app.request(`/api/v1${org}/models/${model.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Anonymous" }),
    });
    expect(response.status).toBe(401);
  });
});
