import createClient from "openapi-fetch";
import { ApiError } from "./ApiError";
import type { paths } from "./generated/openapi";
import { getProblem } from "./Problem";

/**
 * The api's typed client: paths, parameters and answers come from the api's own OpenAPI document
 * (`src/api/generated/openapi.ts`, written by `pnpm --filter @a360/web generate` from the api's code at
 * build and typecheck time), so a changed api route shows up here as a type error.
 */
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** The browser's client: this origin's `/api/v1`, which src/proxy.ts forwards with the session cookie. */
export const api: ApiClient = createClient<paths>({
  baseUrl: "/api/v1",
  credentials: "same-origin",
  cache: "no-store",
});

/** A client for server components, reaching the api directly (A360_API_URL). */
export function createServerApiClient(baseUrl: string): ApiClient {
  return createClient<paths>({ baseUrl: `${baseUrl}/api/v1`, cache: "no-store" });
}

/**
 * The answer's body, or an ApiError carrying the api's problem (network failures included), so every
 * caller handles failures one way.
 */
export async function getApiData<Data>(
  pending: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  let result: { data?: Data; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    throw new ApiError(
      { type: "about:blank", title: "A360 api unreachable", status: 0, detail: String(cause) },
      { cause, code: "unreachable" },
    );
  }
  const { response } = result;
  if (response.ok) return result.data as Data;
  const body = typeof result.error === "string" ? result.error : JSON.stringify(result.error ?? "");
  const fromApi = /json/.test(response.headers.get("content-type") ?? "");
  throw new ApiError(getProblem(response.status, response.statusText, body), {
    code: response.status >= 500 && !fromApi ? "unreachable" : undefined,
  });
}
