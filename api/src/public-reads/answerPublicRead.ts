import { gunzipSync } from "node:zlib";
import type { PublicRead } from "./PublicReadCache.ts";

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

export interface PublicReadAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | string | null;
}

/**
 * The answer to an anonymous public read: 304 when the reader already holds this entity tag,
 * else the JSON, gzip-compressed when the reader accepts it (every browser does).
 */
export function answerPublicRead(
  read: PublicRead,
  request: { ifNoneMatch: string | undefined; acceptEncoding: string | undefined },
): PublicReadAnswer {
  const headers: Record<string, string> = {
    "cache-control": read.cacheControl,
    etag: read.etag,
    // What a reader sees depends on their session cookie; the bytes on their Accept-Encoding.
    vary: "cookie, accept-encoding",
  };
  if (matchesEtag(request.ifNoneMatch, read.etag)) return { status: 304, headers, body: null };
  headers["content-type"] = "application/json";
  if (acceptsGzip(request.acceptEncoding)) {
    headers["content-encoding"] = "gzip";
    return { status: 200, headers, body: read.gzip };
  }
  return { status: 200, headers, body: read.json ?? gunzipSync(read.gzip).toString("utf8") };
}
