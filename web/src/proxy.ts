import { type NextRequest, NextResponse } from "next/server";
import { MAX_PROXIED_BODY_BYTES } from "./proxyLimits";

const DEFAULT_API_URL = "http://127.0.0.1:4000";

/**
 * Sends `/api/*` on this origin to the A360 api, so the browser only ever talks to one origin and the api's
 * session cookie is first-party. A360_API_URL is read per request (at `next start`/`next dev` time).
 * A body larger than any api route takes is refused (413) without reaching the api, and one of unknown length
 * (411): Next would otherwise forward only its first part and leave the api waiting for the rest. Next runs
 * this only once the body is in (it keeps a copy up to `proxyClientMaxBodySize`), so the answer follows the
 * upload; a front proxy with its own body limit is what stops an upload part-way.
 */
export function proxy(request: NextRequest) {
  const refusal = refuseBody(request);
  if (refusal) return refusal;
  const apiUrl = (process.env.A360_API_URL || DEFAULT_API_URL).replace(/\/+$/, "");
  const { pathname, search } = request.nextUrl;
  return NextResponse.rewrite(new URL(`${apiUrl}${pathname}${search}`));
}

function refuseBody(request: NextRequest): NextResponse | undefined {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  const length = request.headers.get("content-length");
  if (length === null) {
    if (request.headers.get("transfer-encoding") === null) return undefined;
    return problem(411, "length_required", "send the body with a Content-Length");
  }
  if (Number(length) > MAX_PROXIED_BODY_BYTES) {
    return problem(
      413,
      "payload_too_large",
      `the request body is larger than any route takes (${MAX_PROXIED_BODY_BYTES} bytes)`,
    );
  }
  return undefined;
}

function problem(status: number, code: string, detail: string): NextResponse {
  return new NextResponse(
    JSON.stringify({
      type: `https://a360.exchange/problems/${code}`,
      title: code.replaceAll("_", " "),
      status,
      detail,
      code,
    }),
    { status, headers: { "content-type": "application/problem+json", connection: "close" } },
  );
}

export const config = { matcher: "/api/:path*" };
