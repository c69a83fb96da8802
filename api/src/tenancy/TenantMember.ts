import type { Context } from "hono";
import type { MembershipRole, OrganizationKind } from "../../generated/prisma/enums.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { ForbiddenError } from "../errors/ApiError.ts";

/** The signed-in user acting for one organization: every tenant query is scoped by `organizationId`. */
export interface TenantMember {
  organizationId: string;
  organizationKind: OrganizationKind;
  userId: string;
  role: MembershipRole;
}

export type TenantPermission = "read" | "write" | "admin";

const ROLES_FOR: Record<TenantPermission, readonly MembershipRole[]> = {
  read: ["ADMIN", "EDITOR", "VIEWER"],
  write: ["ADMIN", "EDITOR"],
  admin: ["ADMIN"],
};

/** Whether a membership's role allows `permission` in its organization. */
export function rolePermits(role: MembershipRole, permission: TenantPermission): boolean {
  return ROLES_FOR[permission].includes(role);
}

/**
 * The tenant a request acts for. Tenant routes name the organization in their path
 * (`/organizations/{organizationId}/...`), so a user with several memberships always says which
 * one; the session must hold a membership there with a role that allows `permission`.
 */
export async function getTenantMember(
  c: Context<AppEnv>,
  services: AppServices,
  organizationId: string,
  permission: TenantPermission,
): Promise<TenantMember> {
  const session = getSession(c);
  const membership = await services.db.prisma.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: session.userId } },
    include: { organization: { select: { kind: true } } },
  });
  if (!membership) throw new ForbiddenError("you are not a member of this organization");
  if (!rolePermits(membership.role, permission)) {
    throw new ForbiddenError(`your role ${membership.role} may not ${permission} in this organization`);
  }
  return {
    organizationId,
    organizationKind: membership.organization.kind,
    userId: session.userId,
    role: membership.role,
  };
}
