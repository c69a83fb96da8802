import type { IncomingMessage, ServerResponse } from "node:http";
import { TooManyRequestsError } from "../errors/ApiError.ts";
import { problemFromError } from "../http/problem.ts";
import type { RateLimits } from "../http/RateLimits.ts";
import { answerPublicRead } from "./answerPublicRead.ts";
import type { PublicReadCache } from "./PublicReadCache.ts";

/**
 * The server's fast path for the hottest requests: an anonymous GET of a public read this process
 * keeps is answered here, before the framework (routing, validation, middleware), with the bytes
 * the route kept. Returns false for anything else, which the routes then answer: another method, a
 * URL `keyOfUrl` does not know (not in its plainest form), a read not kept. The caller sends
 * signed-in readers past it.
 */
export function answerKeptPublicRead(
  request: IncomingMessage,
  response: ServerResponse,
  cache: PublicReadCache,
  keyOfUrl: (url: string) => string | undefined,
  rateLimits: RateLimits,
): boolean {
  if (request.method !== "GET" || !request.url) return false;
  const key = keyOfUrl(request.url);
  const read = key === undefined ? undefined : cache.get(key);
  if (!read) return false;
  if (!request.headers.authorization) {
    const address = rateLimits.findClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"]);
    const retryAfter = rateLimits.takeAnonymous(address);
    if (retryAfter !== undefined) {
      const problem = problemFromError(new TooManyRequestsError(retryAfter), request.url);
      response.writeHead(429, { "content-type": "application/problem+json", "retry-after": String(retryAfter) });
      response.end(JSON.stringify(problem));
      return true;
    }
  }
  const { status, headers, body } = answerPublicRead(read, {
    ifNoneMatch: request.headers["if-none-match"],
    acceptEncoding: request.headers["accept-encoding"],
  });
  if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
  response.writeHead(status, headers);
  response.end(body ?? undefined);
  return true;
}
