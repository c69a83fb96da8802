import { ApiError } from "./ApiError";
import { getProblem } from "./Problem";

/**
 * Calls the api on this origin (next.config.ts rewrites `/api/*` to it) and returns the parsed JSON body,
 * or `undefined` for 204. Throws ApiError for every failure, network ones included.
 */
export async function requestApi<T>(path: `/api/${string}`, init?: RequestInit): Promise<T> {
  const headers = new Headers(init?.headers);
  headers.set("accept", "application/json, application/problem+json");
  if (init?.body !== undefined) headers.set("content-type", "application/json");

  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: "same-origin", cache: "no-store" });
  } catch (cause) {
    throw new ApiError(
      { type: "about:blank", title: "A360 api unreachable", status: 0, detail: String(cause) },
      { cause, code: "unreachable" },
    );
  }

  if (!response.ok) {
    const problem = getProblem(response.status, response.statusText, await response.text());
    // A 5xx that is not JSON did not come from the api: it is the rewrite proxy failing to reach it.
    const fromApi = /json/.test(response.headers.get("content-type") ?? "");
    throw new ApiError(problem, { code: response.status >= 500 && !fromApi ? "unreachable" : undefined });
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
