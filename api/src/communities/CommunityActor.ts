import type { Context } from "hono";
import type { CommunityMemberRole, CommunityMemberStatus } from "../../generated/prisma/enums.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { ForbiddenError, NotFoundError } from "../errors/ApiError.ts";
import { rolePermits } from "../tenancy/TenantMember.ts";

/**
 * Who acts on a community. OPERATOR: a member of the organization that runs it (its role says
 * whether it writes or administers), or a community member whose role is OPERATOR or ADMIN and who
 * is active. MEMBER: any other live member of the community, who sees and edits only their own
 * profile, delivery points and assets.
 */
export interface CommunityActor {
  organizationId: string;
  communityId: string;
  userId: string;
  access: "OPERATOR" | "MEMBER";
  canWrite: boolean;
  canAdminister: boolean;
  /** The caller's own member row in this community, if they are one. */
  memberId: string | null;
}

/** A per-action permission: what the route needs from the caller. */
export type CommunityAction = "read" | "write" | "administer";

const MEMBER_WRITES: readonly CommunityMemberStatus[] = ["PENDING", "ACTIVE"];
const OPERATOR_ROLES: readonly CommunityMemberRole[] = ["OPERATOR", "ADMIN"];

/**
 * The caller's access to a live community of `organizationId`. Without a session: 401. A member of
 * the organization asking for a community it does not run: 404. Anyone else who is not a live
 * member of the community: 403, whether or not it exists, so the answer tells nothing.
 */
export async function getCommunityActor(
  c: Context<AppEnv>,
  services: AppServices,
  organizationId: string,
  communityId: string,
  action: CommunityAction,
): Promise<CommunityActor> {
  const { userId } = getSession(c);
  const { db } = services;
  const [membership, community, member] = await Promise.all([
    db.prisma.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } }),
    db.prisma.community.findFirst({ where: { id: communityId, tenantId: organizationId, deletedAt: null } }),
    db.prisma.communityMember.findFirst({
      where: { communityId, tenantId: organizationId, userId, deletedAt: null, community: { deletedAt: null } },
    }),
  ]);
  let actor: CommunityActor | undefined;
  if (membership) {
    if (!community) throw new NotFoundError("community");
    actor = {
      organizationId,
      communityId,
      userId,
      access: "OPERATOR",
      canWrite: rolePermits(membership.role, "write"),
      canAdminister: rolePermits(membership.role, "admin"),
      memberId: member?.id ?? null,
    };
  } else if (member) {
    const operates = member.status === "ACTIVE" && OPERATOR_ROLES.includes(member.role);
    actor = {
      organizationId,
      communityId,
      userId,
      access: operates ? "OPERATOR" : "MEMBER",
      canWrite: operates || MEMBER_WRITES.includes(member.status),
      canAdminister: operates && member.role === "ADMIN",
      memberId: member.id,
    };
  }
  if (!actor) throw new ForbiddenError("you are neither an operator nor a member of this community");
  if (action === "write" && !actor.canWrite) throw new ForbiddenError("your role or status may not change this");
  if (action === "administer" && !actor.canAdminister) throw new ForbiddenError("only the community's admins may");
  return actor;
}

/** Operators reach every member; a member only their own row. */
export function requireOperatorOrSelf(actor: CommunityActor, memberId: string): void {
  if (actor.access === "OPERATOR" || actor.memberId === memberId) return;
  throw new ForbiddenError("a member sees and changes only their own data");
}

/** Only operators. */
export function requireOperator(actor: CommunityActor): void {
  if (actor.access !== "OPERATOR") throw new ForbiddenError("only the community's operators may");
}
