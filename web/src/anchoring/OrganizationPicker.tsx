"use client";

import { usePathname, useRouter } from "next/navigation";
import type { Membership } from "../api/types";
import { isManufacturerMembership } from "./findWorkspaceMembership";

/** Chooses the organization the workspace acts for; the choice lives in the URL (?organization=<id>). */
export function OrganizationPicker({
  memberships,
  selected,
}: {
  memberships: readonly Membership[];
  selected: Membership | undefined;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label>
      Organization{" "}
      <select
        data-testid="organization-picker"
        value={selected?.organizationId ?? ""}
        onChange={(event) =>
          router.replace(`${pathname}?organization=${encodeURIComponent(event.target.value)}`, { scroll: false })
        }
      >
        {selected ? null : (
          <option value="" disabled>
            Choose an organization
          </option>
        )}
        {memberships.map((membership) => (
          <option
            key={membership.organizationId}
            value={membership.organizationId}
            disabled={!isManufacturerMembership(membership)}
          >
            {membership.organizationName}
            {isManufacturerMembership(membership)
              ? ""
              : ` (${membership.organizationKind.toLowerCase()}: no passports to anchor)`}
          </option>
        ))}
      </select>
    </label>
  );
}
