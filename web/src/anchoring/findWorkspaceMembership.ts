import type { Membership } from "../api/types";

/**
 * Whether the workspace offers anchoring for this membership. Only a hint for the picker: the api
 * refuses anchoring for any organization that is not a manufacturer, and the registry any wallet
 * it has not granted.
 */
export function isManufacturerMembership(membership: Membership): boolean {
  return membership.organizationKind === "MANUFACTURER";
}

/**
 * The membership the workspace acts for: the organization named in the URL when the user is a
 * member there, else (no organization named) the first manufacturer membership.
 */
export function findWorkspaceMembership(
  memberships: readonly Membership[],
  organizationId: string | undefined,
): Membership | undefined {
  if (organizationId) return memberships.find((membership) => membership.organizationId === organizationId);
  return memberships.find(isManufacturerMembership);
}
