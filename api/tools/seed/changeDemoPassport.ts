import { getAttributeCatalogue } from "../../src/attributes/AttributeCatalogue.ts";
import { upsertAttributeValues } from "../../src/attributes/AttributeValueStore.ts";
import type { Database } from "../../src/database/Database.ts";
import { getDemoPublicId } from "./seedDemoPassports.ts";

/** The demo unit that `pnpm dev` changes after anchoring, so one passport shows "changed since anchoring". */
export const CHANGED_DEMO_SERIAL = "VC-CITY-36-508-00001";

/**
 * Gives the demo unit a second life (repurposed, a public entry) and one more full cycle, so every
 * `pnpm dev` run leaves it with a new, unanchored version after the demo batch was anchored, even
 * when the database already held the change from an earlier run.
 */
export async function changeDemoPassport(db: Database): Promise<string> {
  const publicId = getDemoPublicId(CHANGED_DEMO_SERIAL);
  const passport = await db.prisma.passport.update({
    where: { publicId },
    data: { lifecycleState: "REPURPOSED" },
    select: { id: true, tenantId: true },
  });
  const cycles = (await getAttributeCatalogue(db)).findByKey("perf.full_cycles");
  if (cycles) {
    const current = await db.prisma.attributeValue.findUnique({
      where: { passportId_attributeId: { passportId: passport.id, attributeId: cycles.id } },
    });
    const next = Number(current?.valueNumeric ?? 0) + 1;
    await upsertAttributeValues(
      db.prisma,
      passport.tenantId,
      "PASSPORT",
      [{ holderId: passport.id, attributeId: cycles.id, stored: { text: null, numeric: String(next), json: null } }],
      "replace",
    );
  }
  return publicId;
}
