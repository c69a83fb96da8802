import type { z } from "@hono/zod-openapi";
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import { NotFoundError } from "../errors/ApiError.ts";
import type { PublicRead, PublicReadCache, PublicReadScope } from "./PublicReadCache.ts";
import { sendPublicRead } from "./sendPublicRead.ts";

/** Who reads: anonymous readers share kept answers, signed-in ones are always rendered for them. */
export interface PublicReader {
  signedIn: boolean;
}

/** A read as rendered for its reader: the JSON body, and whose data it shows (what invalidates it). */
export interface RenderedPublicRead {
  json: string;
  scope: PublicReadScope;
}

/** The route's 200 answer as its OpenAPI schema types it. */
export type PublicReadResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, "json">;

export interface PublicReadRoute<R extends PublicReader, L, T> {
  /** The kept answer's key (passports/publicReadKeys.ts, shared with the server's fast path). */
  key: string;
  /** The route's 200 response schema: every rendered answer is checked against it. */
  schema: z.ZodType<T>;
  cacheControl: string;
  /** What a missing read is called in its 404 problem. */
  missing: string;
  reader: R;
  load(reader: R): Promise<L | undefined>;
  render(loaded: L, reader: R): RenderedPublicRead | Promise<RenderedPublicRead>;
}

/**
 * The one pipeline of the anonymous-capable public reads (a passport by its QR id, its disclosure):
 * access (the reader) → ticket (taken before the database is read) → load → render → check (the
 * answer against the route's OpenAPI schema) → keep (anonymous answers only, unless a change to
 * their scope came in since the ticket) → send (304 on a matching ETag, gzip when accepted). It is
 * the only way into the public read cache besides the server's fast path for kept answers.
 */
export async function servePublicRead<R extends PublicReader, L, T>(
  c: Context,
  cache: PublicReadCache,
  route: PublicReadRoute<R, L, T>,
): Promise<PublicReadResponse<T>> {
  const { reader } = route;
  if (!reader.signedIn) {
    const kept = cache.get(route.key);
    if (kept) return send(c, route.schema, kept);
  }
  const ticket = cache.ticket();
  const loaded = await route.load(reader);
  if (loaded === undefined) throw new NotFoundError(route.missing);
  const { json, scope } = await route.render(loaded, reader);
  checkAnswer(route.schema, json);
  if (!reader.signedIn) {
    return send(
      c,
      route.schema,
      await cache.keep(route.key, ticket, scope, { json, cacheControl: route.cacheControl }),
    );
  }
  // What a signed-in reader sees depends on their session cookie: never kept, here or on the way.
  const response = c.body(json, 200, {
    "content-type": "application/json",
    "cache-control": "private, no-store",
    vary: "cookie",
  });
  if (!isRouteAnswer(response, route.schema)) throw new Error("a public read answered with another status");
  return response;
}

function send<T>(c: Context, schema: z.ZodType<T>, read: PublicRead): PublicReadResponse<T> {
  const response = sendPublicRead(c, read);
  if (!isRouteAnswer(response, schema)) throw new Error("a public read answered with another status");
  return response;
}

/** A rendered answer that does not match its route's schema is our bug: it is never sent (500). */
function checkAnswer<T>(schema: z.ZodType<T>, json: string): void {
  const checked = schema.safeParse(JSON.parse(json));
  if (!checked.success) {
    throw new Error(`a public read does not match its OpenAPI schema: ${checked.error.message}`);
  }
}

/**
 * Tells the type system what checkAnswer established when the bytes were rendered (kept answers
 * were checked before they were kept): a 200 or 304 of this pipeline carries the route's schema.
 */
function isRouteAnswer<T>(response: Response, _schema: z.ZodType<T>): response is PublicReadResponse<T> {
  return response.status === 200 || response.status === 304;
}
