import { createServer, type IncomingMessage, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { SESSION_COOKIE } from "./auth/sessions.ts";
import { publicReadKeyOfUrl } from "./passports/publicReadKeys.ts";
import { answerKeptPublicRead } from "./public-reads/answerKeptPublicRead.ts";
import type { PublicReadCache } from "./public-reads/PublicReadCache.ts";
import type { RateLimits } from "./rate-limits/RateLimits.ts";

/** Whether a request carries a session cookie: signed-in readers are never answered from the cache. */
function hasSession(request: IncomingMessage): boolean {
  return request.headers.cookie?.includes(`${SESSION_COOKIE}=`) ?? false;
}

/** The api's HTTP server: kept anonymous public reads straight from the cache, everything else through the app. */
export function createApiServer(
  app: { fetch: Parameters<typeof getRequestListener>[0] },
  publicReads: PublicReadCache,
  rateLimits: RateLimits,
): Server {
  const listener = getRequestListener(app.fetch);
  return createServer((request, response) => {
    if (
      hasSession(request) ||
      !answerKeptPublicRead(request, response, publicReads, publicReadKeyOfUrl, (kept, answer) =>
        rateLimits.refuseOverLimit(kept, answer),
      )
    ) {
      void listener(request, response);
    }
  });
}
