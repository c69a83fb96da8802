import type { MiddlewareHandler } from "hono";
import { ForbiddenError } from "../errors/ApiError.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie sessions: a browser request with an unsafe method must come from the
 * web's own origin. SameSite=Lax does not stop a page on a sibling subdomain or another localhost
 * port (same site, other origin) from posting with the reader's cookie. Browsers send
 * Sec-Fetch-Site and Origin on such requests; clients that send neither (a machine with an API
 * key, curl) are not browsers carrying someone else's cookie.
 */
export function checkOrigin(allowedOrigins: string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins.map((origin) => origin.replace(/\/+$/, "").toLowerCase()));
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method.toUpperCase())) return next();
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      throw new ForbiddenError(`a ${site} request may not change anything here (Sec-Fetch-Site)`);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && !allowed.has(origin.toLowerCase())) {
      throw new ForbiddenError(`requests from ${origin} may not change anything here (Origin)`);
    }
    return next();
  };
}
