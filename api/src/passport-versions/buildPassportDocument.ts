import {
  type AttributeAccess,
  PASSPORT_SCHEMA,
  type PassportDocument,
  type PassportEntry,
  PREVIOUS_HASH_KEY,
} from "@a360/contracts/passport";
import type { AttributeAccess as CatalogueAccess } from "../../generated/prisma/enums.ts";
import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { resolveEffectiveAttributes } from "../attributes/EffectiveAttribute.ts";
import { getDerivedValues, type PassportRecord } from "../passports/PassportRecord.ts";

/** Identity entries beside the catalogue's attributes; the shared module adds schema and public id. */
export const DOCUMENT_KEYS = {
  manufacturer: "passport.manufacturer",
  modelCode: "passport.model_code",
  modelName: "passport.model_name",
  previousHash: PREVIOUS_HASH_KEY,
} as const;

const ACCESS: Record<CatalogueAccess, AttributeAccess> = {
  PUBLIC: "public",
  LEGITIMATE_INTEREST: "legitimate_interest",
  LEGITIMATE_INTEREST_AND_COMMISSION: "legitimate_interest",
  AUTHORITY: "authority",
};

/** The catalogue's access level as the passport module names it. */
export function toDocumentAccess(access: CatalogueAccess): AttributeAccess {
  return ACCESS[access];
}

/**
 * The `a360.passport.v1` document of a passport as it is now: identity, model, lifecycle state
 * (a derived catalogue attribute) and every effective attribute that has a value, model values
 * included. Values keep the types the catalogue gives them (numbers as numbers, dates as ISO text).
 */
export function buildPassportDocument(
  record: PassportRecord,
  catalogue: AttributeCatalogue,
  version: number,
  previousRoot: string | null,
): PassportDocument {
  const entries: PassportEntry[] = [
    { key: DOCUMENT_KEYS.manufacturer, value: record.manufacturerName, access: "public" },
    { key: DOCUMENT_KEYS.modelCode, value: record.model.modelCode, access: "public" },
    { key: DOCUMENT_KEYS.modelName, value: record.model.name, access: "public" },
    { key: DOCUMENT_KEYS.previousHash, value: previousRoot, access: "public" },
  ];
  const attributes = resolveEffectiveAttributes(catalogue.definitions, {
    modelValues: record.modelValues,
    passportValues: record.passportValues,
    derived: getDerivedValues(record),
  });
  for (const attribute of attributes) {
    if (attribute.value === null) continue;
    entries.push({
      key: attribute.definition.key,
      value: attribute.value,
      access: ACCESS[attribute.definition.access],
    });
  }
  return { schema: PASSPORT_SCHEMA, publicId: record.publicId, version, entries };
}

/** What a version says, without its place in the chain of versions: two equal contents need no new version. */
export function getDocumentContent(document: PassportDocument): string {
  return JSON.stringify(
    document.entries
      .filter((entry) => entry.key !== DOCUMENT_KEYS.previousHash)
      .map((entry) => [entry.key, entry.value, entry.access])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}
