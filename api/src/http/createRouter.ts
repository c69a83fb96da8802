import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import { ValidationError } from "../errors/ApiError.ts";

/**
 * A router whose zod validation failures become one 422 problem listing every issue, so all
 * routes answer bad input the same way.
 */
export function createRouter<E extends Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
        throw new ValidationError("the request does not match the schema", issues);
      }
    },
  });
}
