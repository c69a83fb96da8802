import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../database/Database.ts";

export const SESSION_COOKIE = "a360_session";

/**
 * The cookie's name: over https `__Host-` prefixed, so the browser only takes it Secure, for this
 * host and path / (no sibling subdomain can set or shadow it).
 */
export function getSessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export interface SignedInSession {
  sessionId: string;
  userId: string;
  /** Null for an owner signed in with Telegram who has not linked a wallet. */
  address: `0x${string}` | null;
  chainId: number;
  expiresAt: Date;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates the user on first sign-in and a session for it; returns the cookie token. */
export async function startSession(
  db: Database,
  params: { address: `0x${string}`; chainId: number; ttlHours: number },
): Promise<{ token: string; session: SignedInSession }> {
  const address = params.address.toLowerCase() as `0x${string}`;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + params.ttlHours * 3_600_000);
  const user = await db.prisma.user.upsert({ where: { address }, create: { address }, update: {} });
  const session = await db.prisma.session.create({
    data: { tokenHash: hashToken(token), userId: user.id, chainId: params.chainId, expiresAt },
  });
  return { token, session: { sessionId: session.id, userId: user.id, address, chainId: params.chainId, expiresAt } };
}

/** A session for an existing user (a Telegram sign-in: no wallet, chain id 0). */
export async function startUserSession(
  db: Database,
  params: { userId: string; chainId: number; ttlHours: number },
): Promise<{ token: string; session: SignedInSession }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + params.ttlHours * 3_600_000);
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: params.userId } });
  const session = await db.prisma.session.create({
    data: { tokenHash: hashToken(token), userId: user.id, chainId: params.chainId, expiresAt },
  });
  return {
    token,
    session: {
      sessionId: session.id,
      userId: user.id,
      address: user.address as `0x${string}` | null,
      chainId: params.chainId,
      expiresAt,
    },
  };
}

export async function findSession(db: Database, token: string): Promise<SignedInSession | undefined> {
  const session = await db.prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return undefined;
  return {
    sessionId: session.id,
    userId: session.userId,
    address: session.user.address as `0x${string}` | null,
    chainId: session.chainId,
    expiresAt: session.expiresAt,
  };
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.prisma.session.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
