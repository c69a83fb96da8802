import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "pino";
import { ApiError, TooManyRequestsError } from "../errors/ApiError.ts";

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: unknown;
}

const PROBLEM_TYPE_BASE = "https://a360.exchange/problems/";

export function problemFromError(error: unknown, instance?: string): Problem {
  if (error instanceof ApiError) {
    return {
      type: `${PROBLEM_TYPE_BASE}${error.code}`,
      title: error.code.replaceAll("_", " "),
      status: error.status,
      detail: error.message,
      code: error.code,
      instance,
      ...(error.details === undefined ? {} : { errors: error.details }),
    };
  }
  // Hono's own refusals (a body its JSON validator cannot parse, ...) are the client's mistakes.
  if (error instanceof HTTPException && error.status < 500) {
    return {
      type: `${PROBLEM_TYPE_BASE}bad_request`,
      title: "bad request",
      status: error.status,
      detail: error.message || "the request is malformed",
      code: "bad_request",
      instance,
    };
  }
  return {
    type: `${PROBLEM_TYPE_BASE}internal_error`,
    title: "internal error",
    status: 500,
    detail: "an unexpected error occurred",
    code: "internal_error",
    instance,
  };
}

export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    "content-type": "application/problem+json",
  });
}

export function handleError(logger: Logger) {
  return (error: Error, c: Context): Response => {
    const problem = problemFromError(error, c.req.path);
    if (error instanceof TooManyRequestsError) c.header("retry-after", String(error.retryAfterSeconds));
    if (problem.status >= 500) logger.error({ err: error, path: c.req.path }, "request failed");
    return problemResponse(c, problem);
  };
}
