import { randomBytes } from "node:crypto";

/** 128 random bits, base64url: unguessable, URL- and QR-safe, 22 characters. */
export function createPublicId(): string {
  return randomBytes(16).toString("base64url");
}

export const PUBLIC_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
