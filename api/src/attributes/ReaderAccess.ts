import type { AttributeAccess, OrganizationKind } from "../../generated/prisma/enums.ts";

/**
 * What a reader of a passport may see. PUBLIC: anyone. LEGITIMATE_INTEREST: members of
 * organizations the regulation grants a legitimate interest (Art. 77(2)). FULL: the owning
 * manufacturer and authorities (notified bodies, market surveillance, the Commission).
 */
export type ReaderAccess = "PUBLIC" | "LEGITIMATE_INTEREST" | "FULL";

/** Organization kinds granted legitimate interest: those who repair, service and recycle units. */
export const LEGITIMATE_INTEREST_KINDS: readonly OrganizationKind[] = ["REPAIRER", "SERVICE_CENTRE", "RECYCLER"];

export function getReaderAccess(reader: {
  ownsPassport: boolean;
  organizationKinds: readonly OrganizationKind[];
}): ReaderAccess {
  if (reader.ownsPassport || reader.organizationKinds.includes("AUTHORITY")) return "FULL";
  if (reader.organizationKinds.some((kind) => LEGITIMATE_INTEREST_KINDS.includes(kind))) return "LEGITIMATE_INTEREST";
  return "PUBLIC";
}

/**
 * Is the catalogue attribute `key` readable? For fields shown outside the attribute list (a
 * passport's head: its status, serial number, production date) under the same rule as the list.
 * A key the catalogue does not hold is not readable: a field needs an attribute to be shown.
 */
export function isCatalogueKeyReadable(
  definitions: readonly { key: string; access: AttributeAccess }[],
  key: string,
  reader: ReaderAccess,
): boolean {
  const definition = definitions.find((candidate) => candidate.key === key);
  return definition !== undefined && isAttributeReadable(definition.access, reader);
}

export function isAttributeReadable(access: AttributeAccess, reader: ReaderAccess): boolean {
  if (reader === "FULL" || access === "PUBLIC") return true;
  if (reader === "LEGITIMATE_INTEREST")
    return access === "LEGITIMATE_INTEREST" || access === "LEGITIMATE_INTEREST_AND_COMMISSION";
  return false;
}
