import { gunzipSync } from "node:zlib";
import type { Context } from "hono";

/** Whether an Accept-Encoding header takes gzip (named or `*`, with a q-value above 0). */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(",").some((item) => {
    const [coding = "", ...parameters] = item.split(";").map((part) => part.trim().toLowerCase());
    if (coding !== "gzip" && coding !== "*") return false;
    const quality = parameters.find((parameter) => parameter.startsWith("q="));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 13.1.2). */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

/**
 * Answers with an anonymous public read: 304 when the reader already holds this entity tag,
 * else the JSON, gzip-compressed when the reader accepts it (every browser does).
 */
export function sendPublicRead(
  c: Context,
  read: { gzip: Buffer; etag: string; json?: string },
  cacheControl: string,
): Response {
  const headers: Record<string, string> = {
    "cache-control": cacheControl,
    etag: read.etag,
    // What a reader sees depends on their session cookie; the bytes on their Accept-Encoding.
    vary: "cookie, accept-encoding",
  };
  if (matchesEtag(c.req.header("if-none-match"), read.etag)) return c.body(null, 304, headers);
  headers["content-type"] = "application/json";
  if (acceptsGzip(c.req.header("accept-encoding"))) {
    headers["content-encoding"] = "gzip";
    // zlib's buffers are never shared memory.
    return c.body(read.gzip as Uint8Array<ArrayBuffer>, 200, headers);
  }
  return c.body(read.json ?? gunzipSync(read.gzip).toString("utf8"), 200, headers);
}
