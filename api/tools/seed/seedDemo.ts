import type { Database } from "../../src/database/Database.ts";
import { seedDemoPassports } from "./seedDemoPassports.ts";

/** Fixed ids make the demo seed idempotent: running it again updates instead of duplicating. */
export const DEMO_ORGANIZATIONS = [
  { id: "00000000-0000-4000-8000-000000000001", name: "Volta Cells GmbH", kind: "MANUFACTURER" },
  { id: "00000000-0000-4000-8000-000000000002", name: "Rivoli Service Centre", kind: "SERVICE_CENTRE" },
  { id: "00000000-0000-4000-8000-000000000003", name: "Circular Metals Recycling", kind: "RECYCLER" },
] as const;

/**
 * The demo tenants and their members: the first address administers the manufacturer, the next
 * ones are an editor there, the service centre's admin, the recycler's admin and a viewer at the
 * manufacturer (README "Dev accounts" lists them). The manufacturer
 * gets battery models from the LMT reference catalogue, a few hundred passports and their readings.
 */
export async function seedDemo(db: Database, memberAddresses: string[]): Promise<void> {
  for (const organization of DEMO_ORGANIZATIONS) {
    await db.prisma.organization.upsert({
      where: { id: organization.id },
      create: organization,
      update: { name: organization.name, kind: organization.kind },
    });
  }
  const [manufacturer, serviceCentre, recycler] = DEMO_ORGANIZATIONS;
  const plan = [
    { organizationId: manufacturer.id, role: "ADMIN" },
    { organizationId: manufacturer.id, role: "EDITOR" },
    { organizationId: serviceCentre.id, role: "ADMIN" },
    { organizationId: recycler.id, role: "ADMIN" },
    { organizationId: manufacturer.id, role: "VIEWER" },
  ] as const;
  for (const [index, rawAddress] of memberAddresses.entries()) {
    const membership = plan[index % plan.length];
    if (!membership) continue;
    const address = rawAddress.toLowerCase();
    const user = await db.prisma.user.upsert({ where: { address }, create: { address }, update: {} });
    await db.prisma.membership.upsert({
      where: { organizationId_userId: { organizationId: membership.organizationId, userId: user.id } },
      create: { ...membership, userId: user.id },
      update: { role: membership.role },
    });
  }
  await seedDemoPassports(db, manufacturer.id);
}
