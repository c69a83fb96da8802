import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let modelId: string;

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  const response = await maker.request(`/organizations/${maker.organizationId}/models`, {
    method: "POST",
    body: { modelCode: "VC-48-880", name: "Volta 48V", batteryCategory: "LMT", referenceCode: "LMT-VOL-48V-880" },
  });
  expect(response.status).toBe(201);
  modelId = ((await response.json()) as { id: string }).id;
});

async function createPassport(body: Record<string, unknown>) {
  return maker.request(`/organizations/${maker.organizationId}/passports`, {
    method: "POST",
    body: { modelId, ...body },
  });
}

describe("POST /organizations/{organizationId}/passports", () => {
  it("registers a unit with a generated URL-safe public id", async () => {
    const response = await createPassport({ serialNumber: "SN-1", productionDate: "2026-03-01" });
    expect(response.status).toBe(201);
    const passport = (await response.json()) as { publicId: string };
    expect(passport.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("shows inherited values from the reference baseline", async () => {
    const response = await createPassport({ serialNumber: "SN-2" });
    const passport = (await response.json()) as { attributes: Array<{ key: string; value: unknown; source: string }> };
    expect(passport.attributes.find((attribute) => attribute.key === "mat.chemistry")).toMatchObject({
      value: { shortName: "NMC 811", clearName: "Lithium nickel manganese cobalt oxide" },
      source: "MODEL",
    });
  });

  it("refuses a second unit with the same serial number of the model with 409", async () => {
    await createPassport({ serialNumber: "SN-3" });
    expect((await createPassport({ serialNumber: "SN-3" })).status).toBe(409);
  });
});
