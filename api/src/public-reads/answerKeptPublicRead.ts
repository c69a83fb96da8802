import type { IncomingMessage, ServerResponse } from "node:http";
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
  /** Called for a read about to be answered; true when it answered the request itself (a refusal). */
  refuse: (request: IncomingMessage, response: ServerResponse) => boolean = () => false,
): boolean {
  if (request.method !== "GET" || !request.url) return false;
  const key = keyOfUrl(request.url);
  const read = key === undefined ? undefined : cache.get(key);
  if (!read) return false;
  if (refuse(request, response)) return true;
  const { status, headers, body } = answerPublicRead(read, {
    ifNoneMatch: request.headers["if-none-match"],
    acceptEncoding: request.headers["accept-encoding"],
  });
  if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
  response.writeHead(status, headers);
  response.end(body ?? undefined);
  return true;
}
