/** An RFC 9457 problem details object, as the api returns it with `application/problem+json`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a failed response's body as a Problem. Missing members get the defaults RFC 9457 gives them
 * ("about:blank", the HTTP status and its reason phrase), so a proxy's HTML error page or an empty
 * body still becomes a Problem the page can show.
 */
export function getProblem(status: number, statusText: string, body: string): Problem {
  let parsed: unknown;
  try {
    parsed = body === "" ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const fields = isRecord(parsed) ? parsed : {};
  const problem: Problem = {
    type: typeof fields.type === "string" && fields.type !== "" ? fields.type : "about:blank",
    title: typeof fields.title === "string" && fields.title !== "" ? fields.title : statusText || `HTTP ${status}`,
    // The HTTP status is authoritative (RFC 9457 §3.1.3): a body that disagrees does not win.
    status,
  };
  if (typeof fields.detail === "string") problem.detail = fields.detail;
  if (typeof fields.instance === "string") problem.instance = fields.instance;
  return problem;
}
