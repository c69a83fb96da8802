import type { Organization as OrganizationRow } from "../../generated/prisma/client.ts";
import type { MembershipRole } from "../../generated/prisma/enums.ts";
import { mayAnchorPassports } from "../anchoring/mayAnchorPassports.ts";
import { rolePermits } from "../tenancy/TenantMember.ts";

/** An organization as its member sees it: profile, the member's role and what that role allows. */
export function toOrganization(row: OrganizationRow, role: MembershipRole) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    legalName: row.legalName,
    identifiers: {
      registrationNumber: row.registrationNumber,
      vatId: row.vatId,
      lei: row.lei,
      eori: row.eori,
      gln: row.gln,
    },
    address: { street: row.street, postalCode: row.postalCode, city: row.city, countryCode: row.countryCode },
    role,
    permissions: {
      canWrite: rolePermits(role, "write"),
      canAdminister: rolePermits(role, "admin"),
      canAnchorPassports: mayAnchorPassports({ organizationKind: row.kind, role }),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
