import type { Prisma } from "../../generated/prisma/client.ts";
import type { MembershipRole } from "../../generated/prisma/enums.ts";
import { ConflictError, NotFoundError } from "../errors/ApiError.ts";

type Transaction = Prisma.TransactionClient;

/**
 * Locks the organization row for the rest of the transaction, so membership changes of one
 * organization run one at a time: two admins demoting each other at once cannot both pass the
 * last-admin check.
 */
export async function lockOrganization(tx: Transaction, organizationId: string): Promise<void> {
  await tx.$queryRaw`select id from app.organization where id = ${organizationId}::uuid for update`;
}

/**
 * Changes a member's role or removes the member (role `null`), refusing to leave the organization
 * without an admin: someone must always be able to manage members and keys. Call inside a
 * transaction; it locks the organization first.
 */
export async function changeMembership(
  tx: Transaction,
  organizationId: string,
  userId: string,
  role: MembershipRole | null,
): Promise<void> {
  await lockOrganization(tx, organizationId);
  const membership = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
  });
  if (!membership) throw new NotFoundError("member");
  if (membership.role === "ADMIN" && role !== "ADMIN") {
    const admins = await tx.membership.count({ where: { organizationId, role: "ADMIN" } });
    if (admins <= 1) {
      throw new ConflictError(
        role === null
          ? "the last admin cannot leave or be removed; make another member admin first"
          : "the last admin cannot be demoted; make another member admin first",
      );
    }
  }
  if (role === null) await tx.membership.delete({ where: { id: membership.id } });
  else await tx.membership.update({ where: { id: membership.id }, data: { role } });
}
