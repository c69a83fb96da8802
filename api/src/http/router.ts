import { OpenAPIHono } from "@hono/zod-openapi";
import { ValidationError } from "../errors/ApiError.ts";
import type { AppEnv } from "./AppEnv.ts";

/**
 * A router whose zod validation failures become one 422 problem listing every issue, so all
 * routes answer bad input the same way.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
        throw new ValidationError("the request does not match the schema", issues);
      }
    },
  });
}
