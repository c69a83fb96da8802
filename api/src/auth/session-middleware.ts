import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { UnauthorizedError } from "../errors/ApiError.ts";
import type { AppEnv, AppServices } from "../http/AppEnv.ts";
import { findSession, SESSION_COOKIE, type SignedInSession } from "./sessions.ts";

/** Resolves the session cookie, if any, into `c.var.session`. */
export function loadSession(services: AppServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set("session", token ? await findSession(services.db, token) : undefined);
    await next();
  };
}

export function getSession(c: Context<AppEnv>): SignedInSession {
  const session = c.get("session");
  if (!session) throw new UnauthorizedError();
  return session;
}
