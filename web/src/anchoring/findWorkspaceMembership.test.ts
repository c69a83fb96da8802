import { describe, expect, it } from "vitest";
import type { Membership } from "../api/types";
import { findWorkspaceMembership } from "./findWorkspaceMembership";

const recycler: Membership = {
  organizationId: "00000000-0000-4000-8000-000000000003",
  organizationName: "Circular Metals Recycling",
  organizationKind: "RECYCLER",
  role: "ADMIN",
  canAnchorPassports: false,
};
const volta: Membership = {
  organizationId: "00000000-0000-4000-8000-000000000001",
  organizationName: "Volta Cells GmbH",
  organizationKind: "MANUFACTURER",
  role: "ADMIN",
  canAnchorPassports: true,
};
const watt: Membership = {
  organizationId: "00000000-0000-4000-8000-000000000009",
  organizationName: "Watt Works",
  organizationKind: "MANUFACTURER",
  role: "EDITOR",
  canAnchorPassports: true,
};

describe("findWorkspaceMembership", () => {
  it("returns the organization named in the URL", () => {
    expect(findWorkspaceMembership([recycler, volta, watt], watt.organizationId)).toBe(watt);
  });

  it("returns undefined for an organization the user is not a member of", () => {
    expect(findWorkspaceMembership([volta], watt.organizationId)).toBeUndefined();
  });

  it("returns the first membership that may anchor when the URL names none", () => {
    expect(findWorkspaceMembership([recycler, volta, watt], undefined)).toBe(volta);
  });

  it("returns undefined when the URL names none and no membership may anchor", () => {
    expect(findWorkspaceMembership([recycler], undefined)).toBeUndefined();
  });
});
