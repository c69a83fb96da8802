"use client";

import { usePathname, useRouter } from "next/navigation";
import type { Membership } from "../api/types";

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
            disabled={!membership.canAnchorPassports}
          >
            {membership.organizationName}
            {membership.canAnchorPassports
              ? ""
              : ` (${membership.organizationKind.toLowerCase()}, ${membership.role.toLowerCase()}: may not anchor)`}
          </option>
        ))}
      </select>
    </label>
  );
}
