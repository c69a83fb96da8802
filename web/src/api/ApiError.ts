import type { Problem } from "./Problem";

/** What the caller should do next, stable across messages. */
export type ApiErrorCode =
  /** No valid session: sign in again. */
  | "unauthenticated"
  /** The request was refused as it stands (4xx other than 401): fix the input, do not retry. */
  | "rejected"
  /** The api failed (5xx): retrying later may help. */
  | "server_failed"
  /** The api could not be reached at all (network, proxy without upstream): retry later. */
  | "unreachable";

/** Every failed call to the api. `problem` is what the api said, normalised by `getProblem`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly problem: Problem;

  constructor(problem: Problem, options?: { cause?: unknown; code?: ApiErrorCode }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title, { cause: options?.cause });
    this.name = "ApiError";
    this.problem = problem;
    this.code = options?.code ?? getApiErrorCode(problem.status);
  }

  get status(): number {
    return this.problem.status;
  }
}

export function getApiErrorCode(status: number): ApiErrorCode {
  if (status === 401) return "unauthenticated";
  if (status >= 400 && status < 500) return "rejected";
  return "server_failed";
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
