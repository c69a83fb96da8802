import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "../../test/createScratchDatabase.ts";
import { seedDemoPassports } from "./seedDemoPassports.ts";

// The demo's public ids are fixed: another file seeding the demo into the shared database would own them.
const { db, drop } = await createScratchDatabase();
afterAll(() => drop());

describe("the demo seed's passports", () => {
  it("writes readings only from each unit's production on, as the readings api demands", async () => {
    const organization = await db.prisma.organization.create({
      data: { id: randomUUID(), name: "Seed check", kind: "MANUFACTURER" },
    });
    const { readings } = await seedDemoPassports(db, organization.id);
    expect(readings).toBeGreaterThan(0);
    const early = await db.prisma.$queryRaw<Array<{ count: bigint }>>`
      select count(*) as count from app.reading r join app.passport p on p.id = r.passport_id
       where p.tenant_id = ${organization.id}::uuid and r.measured_at < p.production_date`;
    expect(Number(early[0]!.count)).toBe(0);
  });
});
