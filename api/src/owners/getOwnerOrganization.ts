import type { Prisma } from "../../generated/prisma/client.ts";
import type { Database } from "../database/prisma.ts";

/**
 * The signed-in person's own organization (kind OWNER): the tenant of their garage, logs and
 * grants. Made on first use; an advisory lock per user keeps two first requests from making two.
 */
export async function getOwnerOrganizationId(db: Database | Prisma.TransactionClient, userId: string): Promise<string> {
  const found = await findOwnerOrganizationId(db, userId);
  if (found) return found;
  const create = async (tx: Prisma.TransactionClient) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`owner-org:${userId}`}))`;
    const again = await findOwnerOrganizationId(tx, userId);
    if (again) return again;
    const organization = await tx.organization.create({ data: { name: "My garage", kind: "OWNER" } });
    await tx.membership.create({ data: { organizationId: organization.id, userId, role: "ADMIN" } });
    return organization.id;
  };
  return "$transaction" in db ? db.$transaction(create) : create(db);
}

export async function findOwnerOrganizationId(
  db: Database | Prisma.TransactionClient,
  userId: string,
): Promise<string | undefined> {
  const membership = await db.membership.findFirst({
    where: { userId, organization: { kind: "OWNER" } },
    select: { organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  return membership?.organizationId;
}
