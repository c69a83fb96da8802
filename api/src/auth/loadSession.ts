import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Database } from "../database/Database.ts";
import { ForbiddenError, UnauthorizedError } from "../errors/ApiError.ts";
import type { SessionEnv } from "./SessionEnv.ts";
import { findSession, type SignedInSession } from "./sessions.ts";

/** Resolves the session cookie (named by getSessionCookieName), if any, into `c.var.session`. */
export function loadSession(db: Database, cookieName: string): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const token = getCookie(c, cookieName);
    c.set("session", token ? await findSession(db, token) : undefined);
    await next();
  };
}

export function getSession(c: Context<SessionEnv>): SignedInSession {
  const session = c.get("session");
  if (!session) throw new UnauthorizedError();
  return session;
}

/** The session of a signed-in wallet; an owner signed in with Telegram alone is asked to link one. */
export function getWalletSession(c: Context<SessionEnv>): SignedInSession & { address: `0x${string}` } {
  const session = getSession(c);
  if (!session.address) throw new ForbiddenError("link a wallet to your account first");
  return { ...session, address: session.address };
}
