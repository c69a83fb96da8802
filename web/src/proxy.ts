import { type NextRequest, NextResponse } from "next/server";

const DEFAULT_API_URL = "http://127.0.0.1:4000";

/**
 * Sends `/api/*` on this origin to the A360 api, so the browser only ever talks to one origin and the api's
 * session cookie is first-party. A360_API_URL is read per request (at `next start`/`next dev` time).
 */
export function proxy(request: NextRequest) {
  const apiUrl = (process.env.A360_API_URL || DEFAULT_API_URL).replace(/\/+$/, "");
  const { pathname, search } = request.nextUrl;
  return NextResponse.rewrite(new URL(`${apiUrl}${pathname}${search}`));
}

export const config = { matcher: "/api/:path*" };
