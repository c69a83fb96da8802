import { PUBLIC_ID_PATTERN } from "./PublicId.ts";

/**
 * The cache keys of the public reads: one module, so the routes that keep reads and the server's
 * fast path that answers them (answerKeptPublicRead) can never disagree.
 */
export const passportReadKey = (publicId: string) => `passport:${publicId}`;

export const disclosureReadKey = (publicId: string, version: number | undefined) =>
  `disclosure:${publicId}:${version ?? "latest"}`;

const PUBLIC_ID = `(${PUBLIC_ID_PATTERN.source.slice(1, -1)})`;
const PASSPORT_PATH = new RegExp(`^/api/v1/passports/${PUBLIC_ID}$`);
const DISCLOSURE_PATH = new RegExp(`^/api/v1/public/passports/${PUBLIC_ID}(?:\\?version=([1-9]\\d{0,8}))?$`);

/** The key of a request URL (path and query) in its plainest form; anything else is left to the routes. */
export function publicReadKeyOfUrl(url: string): string | undefined {
  const passport = PASSPORT_PATH.exec(url);
  if (passport) return passportReadKey(passport[1]!);
  const disclosure = DISCLOSURE_PATH.exec(url);
  if (disclosure) return disclosureReadKey(disclosure[1]!, disclosure[2] ? Number(disclosure[2]) : undefined);
  return undefined;
}
