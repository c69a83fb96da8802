import type { Context } from "hono";
import { answerPublicRead } from "./answerPublicRead.ts";
import type { PublicRead } from "./PublicReadCache.ts";

/** Answers a route's anonymous public read through Hono (answerPublicRead). */
export function sendPublicRead(c: Context, read: PublicRead): Response {
  const { status, headers, body } = answerPublicRead(read, {
    ifNoneMatch: c.req.header("if-none-match"),
    acceptEncoding: c.req.header("accept-encoding"),
  });
  if (status === 304 || body === null) return c.body(null, 304, headers);
  // zlib's buffers are never shared memory.
  return c.body(typeof body === "string" ? body : (body as Uint8Array<ArrayBuffer>), 200, headers);
}
