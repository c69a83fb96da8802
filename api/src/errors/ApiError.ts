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
