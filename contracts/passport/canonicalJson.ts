import canonicalize from "canonicalize";

/** JSON values that have one canonical form. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The RFC 8785 (JSON Canonicalization Scheme) form of `value`: sorted keys, no whitespace,
 * ECMAScript number formatting. Throws for what JSON cannot hold (undefined, NaN, Infinity, bigint).
 */
export function toCanonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON form");
  return text;
}
