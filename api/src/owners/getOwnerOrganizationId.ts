import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

/**
 * The signed-in person's own organization (kind OWNER): the tenant of their garage, logs and
 * grants. Made on first use; an advisory lock per user keeps two first requests from making two.
 */
export async function getOwnerOrganizationId(prisma: Prisma.TransactionClient, userId: string): Promise<string> {
  const found = await findOwnerOrganizationId(prisma, userId);
  if (found) return found;
  const create = async (tx: Prisma.TransactionClient) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`owner-org:${userId}`}))`;
    const again = await findOwnerOrganizationId(tx, userId);
    if (again) return again;
    const organization = await tx.organization.create({ data: { name: "My garage", kind: "OWNER" } });
    await tx.membership.create({ data: { organizationId: organization.id, userId, role: "ADMIN" } });
    return organization.id;
  };
  return isClient(prisma) ? prisma.$transaction(create) : create(prisma);
}

/** The client itself opens a transaction; a transaction client is inside one already. */
function isClient(prisma: Prisma.TransactionClient | PrismaClient): prisma is PrismaClient {
  return "$transaction" in prisma;
}

export async function findOwnerOrganizationId(
  prisma: Prisma.TransactionClient,
  userId: string,
): Promise<string | undefined> {
  const membership = await prisma.membership.findFirst({
    where: { userId, organization: { kind: "OWNER" } },
    select: { organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  return membership?.organizationId;
}
