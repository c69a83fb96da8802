import type { IncomingMessage, ServerResponse } from "node:http";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import { answerPublicRead } from "./answerPublicRead.ts";
import type { PublicReadCache } from "./PublicReadCache.ts";
import { publicReadKeyOfUrl } from "./publicReadKeys.ts";

/**
 * The server's fast path for the hottest requests: an anonymous GET of a public read this process
 * keeps is answered here, before the framework (routing, validation, middleware), with the bytes
 * the route kept. Returns false for anything else, which the routes then answer: a session cookie,
 * another method, a URL not in its plainest form, a read not kept.
 */
export function answerKeptPublicRead(
  request: IncomingMessage,
  response: ServerResponse,
  cache: PublicReadCache,
): boolean {
  if (request.method !== "GET" || !request.url) return false;
  if (request.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return false;
  const key = publicReadKeyOfUrl(request.url);
  const read = key === undefined ? undefined : cache.get(key);
  if (!read) return false;
  const { status, headers, body } = answerPublicRead(read, {
    ifNoneMatch: request.headers["if-none-match"],
    acceptEncoding: request.headers["accept-encoding"],
  });
  if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
  response.writeHead(status, headers);
  response.end(body ?? undefined);
  return true;
}
