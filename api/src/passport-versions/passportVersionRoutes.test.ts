import { afterAll, describe, expect, it } from "vitest";
import { signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

interface Versions {
  items: Array<{ version: number; anchoring: string; batchId: string | null; root: string }>;
  changedSinceLatest: boolean;
}

describe("GET /organizations/{organizationId}/passports/{passportId}/versions", () => {
  it("lists versions with their anchoring state, and says when the data changed since the latest", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const org = `/organizations/${admin.organizationId}`;
    const model = (await (
      await admin.request(`${org}/models`, {
        method: "POST",
        body: { modelCode: "VER-1", name: "Versions", batteryCategory: "LMT" },
      })
    ).json()) as { id: string };
    const passport = (await (
      await admin.request(`${org}/passports`, { method: "POST", body: { modelId: model.id, serialNumber: "VER-SN-1" } })
    ).json()) as { id: string };
    const versions = `${org}/passports/${passport.id}/versions`;

    const before = (await (await admin.request(versions)).json()) as Versions;
    expect(before).toEqual({ items: [], changedSinceLatest: true });

    const batch = await admin.request(`${org}/passport-batches`, { method: "POST" });
    expect(batch.ok).toBe(true);
    const prepared = (await (await admin.request(versions)).json()) as Versions;
    expect(prepared.changedSinceLatest).toBe(false);
    expect(prepared.items).toEqual([
      expect.objectContaining({ version: 1, anchoring: "PREPARED", batchId: expect.any(String) }),
    ]);

    await admin.request(`${org}/passports/${passport.id}`, { method: "PATCH", body: { lifecycleState: "REUSED" } });
    expect(((await (await admin.request(versions)).json()) as Versions).changedSinceLatest).toBe(true);
  });

  it("answers 404 for another organization's passport", async () => {
    const admin = await signInMember(app, db, "MANUFACTURER");
    const other = await signInMember(app, db, "MANUFACTURER");
    const model = (await (
      await admin.request(`/organizations/${admin.organizationId}/models`, {
        method: "POST",
        body: { modelCode: "VER-2", name: "Versions", batteryCategory: "LMT" },
      })
    ).json()) as { id: string };
    const passport = (await (
      await admin.request(`/organizations/${admin.organizationId}/passports`, {
        method: "POST",
        body: { modelId: model.id, serialNumber: "VER-SN-2" },
      })
    ).json()) as { id: string };
    const response = await other.request(`/organizations/${other.organizationId}/passports/${passport.id}/versions`);
    expect(response.status).toBe(404);
  });
});
