import type { MiddlewareHandler } from "hono";
import { ApiError, BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors/ApiError.ts";

/** The most a JSON body may hold unless its route says otherwise. */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/** OpenAPI extension a route sets to take a body larger than the JSON default (imports, batches). */
export const MAX_BODY_BYTES = "x-max-body-bytes";

interface Operation {
  requestBody?: { content?: Record<string, unknown> };
  [MAX_BODY_BYTES]?: number;
}

export interface OpenApiPaths {
  paths?: object;
}

interface BodyRule {
  method: string;
  pattern: RegExp;
  /** Media types the route takes; empty when it declares no body. */
  accepted: string[];
  maxBytes: number;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses, before any handler runs, what no route takes: a NUL byte anywhere in the URL (Postgres
 * cannot store it), and for unsafe methods a body of a media type the route does not declare (415),
 * larger than its limit (413, read as it streams: a chunked body is cut off at the limit, not
 * buffered), JSON that does not parse (400) or that holds a NUL byte (400). The rules come from
 * the OpenAPI document, so a new route is covered by what it declares.
 */
export function checkRequest(options: { prefix: string; document: () => OpenApiPaths }): MiddlewareHandler {
  let rules: BodyRule[] | undefined;
  return async (c, next) => {
    if (/%00|\0/i.test(c.req.url)) throw new BadRequestError("the URL holds a NUL byte");
    const method = c.req.method.toUpperCase();
    if (SAFE_METHODS.has(method)) return next();
    rules ??= readBodyRules(options.document());
    const path = c.req.path.startsWith(options.prefix) ? c.req.path.slice(options.prefix.length) : c.req.path;
    const rule = rules.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    const maxBytes = rule?.maxBytes ?? JSON_BODY_LIMIT_BYTES;
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const hasBody = c.req.raw.body !== null && c.req.header("content-length") !== "0";
    if (rule && rule.accepted.length > 0 && !rule.accepted.includes(mediaType)) {
      throw new UnsupportedMediaTypeError(rule.accepted);
    }
    if (!hasBody) return next();
    const declaredLength = Number(c.req.header("content-length"));
    if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw new PayloadTooLargeError(maxBytes);
    c.req.raw = new Request(c.req.raw, { body: limitStream(c.req.raw.body!, maxBytes), duplex: "half" } as RequestInit);
    if (isJson(mediaType)) {
      const text = await c.req.text().catch((error: unknown) => {
        throw error instanceof ApiError ? error : new BadRequestError("the request body could not be read");
      });
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new BadRequestError("the request body is not valid JSON");
      }
      if (holdsNul(parsed)) throw new BadRequestError("text in the body holds a NUL character (\\u0000)");
    }
    return next();
  };
}

function isJson(mediaType: string): boolean {
  return mediaType === "application/json" || mediaType.endsWith("+json");
}

function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([key, item]) => key.includes("\0") || holdsNul(item));
  }
  return false;
}

/** Passes the body through, failing with 413 once more than `maxBytes` arrived. */
function limitStream(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let received = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(new PayloadTooLargeError(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
}

function readBodyRules(document: OpenApiPaths): BodyRule[] {
  const rules: BodyRule[] = [];
  for (const [template, operations] of Object.entries(document.paths ?? {})) {
    const pattern = new RegExp(
      `^${template
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
        .join("")}$`,
    );
    for (const [method, value] of Object.entries((operations ?? {}) as Record<string, unknown>)) {
      const operation = value as Operation;
      rules.push({
        method: method.toUpperCase(),
        pattern,
        accepted: Object.keys(operation.requestBody?.content ?? {}).map((type) => type.toLowerCase()),
        maxBytes: operation[MAX_BODY_BYTES] ?? JSON_BODY_LIMIT_BYTES,
      });
    }
  }
  // A literal segment wins over a parameter in the same place, as in the router.
  return rules.sort((a, b) => a.pattern.source.split("[^/]+").length - b.pattern.source.split("[^/]+").length);
}
