import type { JsonValue } from "./canonicalJson.ts";

export const PASSPORT_SCHEMA = "a360.passport.v1";

/** Who may read an attribute (Battery Regulation access groups). */
export type AttributeAccess = "public" | "legitimate_interest" | "authority";

/** One entry of a passport document: a catalogue attribute or an identity field. */
export interface PassportEntry {
  /** Stable key, e.g. `circ.recycled_content_pct`, or `passport.serial_number` for identity fields. */
  key: string;
  /** The value, normalised by the catalogue type (dates as ISO strings, numbers as numbers). */
  value: JsonValue;
  access: AttributeAccess;
}

/**
 * The canonical document of one passport version (`a360.passport.v1`): its identity and its
 * effective attributes, model values included. The api builds it; this module hashes it.
 */
export interface PassportDocument {
  schema: typeof PASSPORT_SCHEMA;
  publicId: string;
  version: number;
  entries: PassportEntry[];
}

/** Identity fields are entries too, so they are proven like any attribute. */
export const IDENTITY_KEYS = {
  schema: "passport.schema",
  publicId: "passport.public_id",
} as const;
