import type { Membership } from "../api/types";

/**
 * The membership the workspace acts for: the organization named in the URL when the user is a
 * member there, else (no organization named) the first one the api says may anchor passports.
 */
export function findWorkspaceMembership(
  memberships: readonly Membership[],
  organizationId: string | undefined,
): Membership | undefined {
  if (organizationId) return memberships.find((membership) => membership.organizationId === organizationId);
  return memberships.find((membership) => membership.canAnchorPassports);
}
