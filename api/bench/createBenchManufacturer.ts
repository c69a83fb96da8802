import { SESSION_COOKIE, startSession } from "../src/auth/sessions.ts";
import type { Database } from "../src/database/Database.ts";

export interface BenchManufacturer {
  organizationId: string;
  /** The admin's user id. */
  userId: string;
  /** `/api/v1/organizations/{organizationId}`. */
  orgPath: string;
  /** A signed-in admin's session cookie. */
  cookie: string;
}

/**
 * A manufacturer with a signed-in admin and `modelCount` LMT models (`BM-0` …), imported through
 * the real CSV route of the api server at `baseUrl`.
 */
export async function createBenchManufacturer(
  db: Database,
  baseUrl: string,
  modelCount: number,
): Promise<BenchManufacturer> {
  const organization = await db.prisma.organization.create({ data: { name: "Bench Cells", kind: "MANUFACTURER" } });
  const user = await db.prisma.user.create({ data: { address: "0x000000000000000000000000000000000000be4c" } });
  await db.prisma.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "ADMIN" } });
  const { token } = await startSession(db, { address: user.address as `0x${string}`, chainId: 31337, ttlHours: 2 });
  const cookie = `${SESSION_COOKIE}=${token}`;
  const orgPath = `/api/v1/organizations/${organization.id}`;

  const references = (await db.prisma.lmtReferenceBattery.findMany({ select: { code: true } })).map((row) => row.code);
  const modelCsv = [
    "model_code,name,battery_category,reference_code",
    ...Array.from(
      { length: modelCount },
      (_, i) => `BM-${i},Bench model ${i},LMT,${references[i % references.length]}`,
    ),
  ].join("\n");
  const response = await fetch(`${baseUrl}${orgPath}/models/import`, {
    method: "POST",
    headers: { cookie, "content-type": "text/csv" },
    body: modelCsv,
  });
  if (response.status !== 200) throw new Error(`model import: ${await response.text()}`);
  return { organizationId: organization.id, userId: user.id, orgPath, cookie };
}
