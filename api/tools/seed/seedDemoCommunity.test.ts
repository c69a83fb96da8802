import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnergyBalance } from "../../src/communities/getEnergyBalance.ts";
import { closeDatabase } from "../../src/database/Database.ts";
import { createTestApp } from "../../test/testApp.ts";
import { DEMO_COMMUNITY_IDS, seedDemoCommunity } from "./seedDemoCommunity.ts";

const { db } = await createTestApp();
const NOW = Date.parse("2026-06-15T12:00:00Z");
const communityId = DEMO_COMMUNITY_IDS.community;

beforeAll(() => seedDemoCommunity(db, NOW));
afterAll(() => closeDatabase(db));

async function countCommunityRows() {
  return {
    members: await db.prisma.communityMember.count({ where: { communityId } }),
    deliveryPoints: await db.prisma.deliveryPoint.count({ where: { communityId } }),
    assets: await db.prisma.energyAsset.count({ where: { communityId } }),
    readings: await db.prisma.meterReading.count({ where: { communityId } }),
  };
}

describe("the energy community demo seed", () => {
  it("gives the operator a member to approve and the prosumer member meters, a PV plant and a battery", async () => {
    const pending = await db.prisma.communityMember.findMany({ where: { communityId, status: "PENDING" } });
    expect(pending.map((member) => member.name)).toEqual(["Famiglia Gallo"]);
    const rossi = await db.prisma.communityMember.findFirstOrThrow({
      where: { communityId, key: "M-000001" },
      include: { assets: true, user: true },
    });
    expect(rossi.user?.address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(rossi.assets.map((asset) => asset.type).sort()).toEqual(["METER", "METER", "PV", "STORAGE"]);
  });

  it("leaves two weeks of balance with energy shared within an area", async () => {
    const { totals } = await getEnergyBalance(db, {
      communityId,
      from: new Date("2026-06-01T00:00:00Z"),
      to: new Date("2026-06-15T00:00:00Z"),
      granularity: "day",
      byArea: true,
      timezone: "Europe/Rome",
      incentivePerMwh: 110,
    });
    expect(totals.productionWh).toBeGreaterThan(0);
    expect(totals.sharedWh).toBeGreaterThan(0);
    expect(totals.sharedWh).toBeLessThanOrEqual(Math.min(totals.fedInWh, totals.drawnWh));
  });

  it("adds nothing when it runs again", async () => {
    const before = await countCommunityRows();
    await seedDemoCommunity(db, NOW);
    expect(await countCommunityRows()).toEqual(before);
  });
});
