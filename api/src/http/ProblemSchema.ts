import { z } from "@hono/zod-openapi";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    errors: z.unknown().optional(),
  })
  .openapi("Problem");

export function problemResponses(...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503>) {
  const descriptions: Record<number, string> = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    413: "The body is larger than this route takes",
    415: "The body's Content-Type is not one this route takes",
    422: "Invalid input",
    429: "Too many requests (see Retry-After)",
    503: "A dependency is unavailable",
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status], content: { "application/problem+json": { schema: ProblemSchema } } },
    ]),
  );
}
