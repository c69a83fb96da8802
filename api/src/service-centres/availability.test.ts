import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVerifiedCentre, nextSlot } from "../../test/serviceFixture.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
beforeAll(async () => {
  centre = await createVerifiedCentre(app, db);
});

async function getSlots(from: string, to: string) {
  const response = await app.request(
    `/api/v1/service-centres/${centre.organizationId}/availability?from=${from}&to=${to}`,
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { slots: Array<{ startsAt: string; free: number }> }).slots;
}

describe("a centre's availability", () => {
  it("offers every hourly slot of its opening hours with the places left", async () => {
    const day = nextSlot(3, 0);
    const slots = await getSlots(day, new Date(Date.parse(day) + 86_400_000).toISOString());
    expect(slots).toHaveLength(9);
    expect(slots.every((slot) => slot.free === 2)).toBe(true);
  });

  it("offers nothing on a holiday", async () => {
    const day = nextSlot(4, 0);
    const added = await centre.admin.request(`${centre.base}/holidays`, {
      method: "POST",
      body: { day: day.slice(0, 10), reason: "Inventory" },
    });
    expect(added.status).toBeLessThan(300);
    expect(await getSlots(day, new Date(Date.parse(day) + 86_400_000).toISOString())).toEqual([]);
  });
});
