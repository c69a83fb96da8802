import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createManufacturer,
  createUnitMirror,
  createVerifiedCentre,
  openOrderInProgress,
  type SignedInOwner,
  signInOwner,
} from "../../test/serviceFixture.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const MIRROR = "mirror_service_history";
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
afterAll(() => closeDatabase(db));

let owner: SignedInOwner;
let stranger: SignedInOwner;
let centre: Awaited<ReturnType<typeof createVerifiedCentre>>;
let otherCentre: Awaited<ReturnType<typeof createVerifiedCentre>>;
let publicId: string;

interface History {
  items: Array<{ decision: string; work: string[]; centre: { name: string }; onChain: unknown; formHash: string }>;
}

beforeAll(async () => {
  const mirror = await createUnitMirror(db, MIRROR);
  const manufacturer = await createManufacturer(app, db);
  centre = await createVerifiedCentre(app, db);
  otherCentre = await createVerifiedCentre(app, db);
  owner = await signInOwner(app, db);
  stranger = await signInOwner(app, db);
  const { workOrderId, passportId } = await openOrderInProgress({ owner, centre, manufacturer, mirror });
  const completed = await centre.admin.request(`${centre.base}/work-orders/${workOrderId}/completion`, {
    method: "POST",
    body: { usageValue: 700, decision: "PartsReplaced", summary: "Filter changed" },
  });
  expect(completed.status).toBe(200);
  publicId = (await db.prisma.passport.findUniqueOrThrow({ where: { id: passportId } })).publicId;
});

describe("GET /passports/{publicId}/service-history", () => {
  it("shows the owner the unit's completed work, without prices, with its form hash", async () => {
    const response = await owner.request(`/passports/${publicId}/service-history`);
    expect(response.status).toBe(200);
    const history = (await response.json()) as History;
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      decision: "PartsReplaced",
      centre: { name: expect.stringMatching(/^SERVICE_CENTRE/) },
      work: ["Brake service", "Oil filter × 1 pcs"],
      onChain: null,
    });
    expect(JSON.stringify(history)).not.toMatch(/Cents/);
  });

  it("shows it to the centre the owner linked the unit to", async () => {
    expect((await centre.admin.request(`/passports/${publicId}/service-history`)).status).toBe(200);
  });

  it("answers 404 to a wallet with no access and to a centre with no link, as for an unknown unit", async () => {
    expect((await stranger.request(`/passports/${publicId}/service-history`)).status).toBe(404);
    expect((await otherCentre.admin.request(`/passports/${publicId}/service-history`)).status).toBe(404);
    expect((await owner.request("/passports/no-such-unit/service-history")).status).toBe(404);
  });

  it("asks for a session", async () => {
    const response = await app.request(`/api/v1/passports/${publicId}/service-history`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
  });
});
