import { generateSiweNonce } from "viem/siwe";
import type { Database } from "../database/Database.ts";

/** Issues a nonce that one sign-in may consume before it expires. */
export async function issueNonce(db: Database, ttlSeconds: number): Promise<string> {
  const nonce = generateSiweNonce();
  await db.prisma.siweNonce.create({ data: { nonce, expiresAt: new Date(Date.now() + ttlSeconds * 1000) } });
  return nonce;
}

/** True when the nonce was issued, has not expired and was not consumed (it may still be consumed). */
export async function isNonceOpen(db: Database, nonce: string): Promise<boolean> {
  const found = await db.prisma.siweNonce.findFirst({
    where: { nonce, consumedAt: null, expiresAt: { gt: new Date() } },
    select: { nonce: true },
  });
  return found !== null;
}

/**
 * Marks the nonce used, atomically. Returns false when no such nonce was issued, it has expired or
 * it was already consumed: a replayed sign-in.
 */
export async function consumeNonce(db: Database, nonce: string): Promise<boolean> {
  const now = new Date();
  const result = await db.prisma.siweNonce.updateMany({
    where: { nonce, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  return result.count === 1;
}
