/**
 * The api's errors. Each has a stable `code` and the HTTP status it maps to; subclasses say what
 * the caller should do next. http/problem.ts turns them into RFC 9457 problem+json.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: string, status: number, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = options?.details;
  }
}

/** The request is malformed or breaks a rule; fix the input. */
export class ValidationError extends ApiError {
  constructor(message: string, details?: unknown) {
    super("validation_failed", 422, message, { details });
  }
}

/** No credentials, or credentials that do not hold; sign in again. */
export class UnauthorizedError extends ApiError {
  constructor(message = "sign in first") {
    super("unauthorized", 401, message);
  }
}

/** Signed in, but this resource is not yours to see or change. */
export class ForbiddenError extends ApiError {
  constructor(message = "not allowed") {
    super("forbidden", 403, message);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super("not_found", 404, `${what} not found`);
  }
}

export class ConflictError extends ApiError {
  constructor(message: string) {
    super("conflict", 409, message);
  }
}

/** A dependency (the chain mirror, the chain) is not reachable now; retry later. */
export class UnavailableError extends ApiError {
  constructor(message: string, cause?: unknown) {
    super("unavailable", 503, message, { cause });
  }
}

/** The request is not well-formed (unparsable JSON, a NUL byte, a bad header); fix the request. */
export class BadRequestError extends ApiError {
  constructor(message: string) {
    super("bad_request", 400, message);
  }
}

/** The body is larger than this route takes; send less (split the file). */
export class PayloadTooLargeError extends ApiError {
  constructor(limitBytes: number) {
    super("payload_too_large", 413, `the request body is larger than this route takes (${limitBytes} bytes)`);
  }
}

/** The body's Content-Type is not one this route takes; send one it lists. */
export class UnsupportedMediaTypeError extends ApiError {
  constructor(accepted: string[]) {
    super("unsupported_media_type", 415, `this route takes ${accepted.join(" or ")}`);
  }
}

/** Too many requests from this client; wait `retryAfterSeconds` (sent as Retry-After). */
export class TooManyRequestsError extends ApiError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super("too_many_requests", 429, `too many requests; retry after ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
