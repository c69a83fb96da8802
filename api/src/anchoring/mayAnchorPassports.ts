import type { MembershipRole, OrganizationKind } from "../../generated/prisma/enums.ts";
import { rolePermits } from "../tenancy/TenantMember.ts";

/**
 * Whether a member may prepare, anchor and revoke its organization's passport batches: a writer
 * of a MANUFACTURER organization (only manufacturers keep passports and hold registry wallets).
 * The routes enforce it; the account route tells the web, which holds no such rule.
 */
export function mayAnchorPassports(member: { organizationKind: OrganizationKind; role: MembershipRole }): boolean {
  return member.organizationKind === "MANUFACTURER" && rolePermits(member.role, "write");
}
