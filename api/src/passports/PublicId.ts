import { randomBytes } from "node:crypto";

/**
 * 128 random bits, base64url: unguessable, URL- and QR-safe, 22 characters. It never starts
 * with `-` or `_`, so a public id typed on a command line (`pnpm verify <publicId>`) is not taken
 * for an option; redrawing costs well under a bit of entropy.
 */
export function createPublicId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

export const PUBLIC_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
