import {
  Agent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import { Transform, type TransformCallback } from "node:stream";

export interface ApiProxyOptions {
  /** Where the api listens, e.g. http://127.0.0.1:4000. */
  apiUrl: string;
  /** The largest body forwarded; a larger one is refused with 413 as soon as it is known to be larger. */
  maxBodyBytes: number;
}

// Headers that describe one hop, not the request: never forwarded (RFC 9110 §7.6.1), and the client's
// own say on where it comes from, which only this proxy may state.
const HOP_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
]);

const keepAlive = new Agent({ keepAlive: true });

/**
 * Forwards one `/api/*` request to the api as it streams, in both directions: nothing is buffered, so a
 * body over `maxBodyBytes` is refused with a 413 problem at once — before a byte is read when its
 * Content-Length says so, else the moment the streamed (chunked) body passes the limit — and a refusal
 * the api sends early (its per-route limits) reaches the client while it is still uploading. The
 * forwarded client address is the TCP peer's, set here (X-Forwarded-For is overwritten, never
 * appended to): the api believes it only from this proxy (TRUSTED_PROXIES), so a client cannot pick
 * its own address to dodge the api's per-client rate limits.
 */
export function proxyApiRequest(request: IncomingMessage, response: ServerResponse, options: ApiProxyOptions): void {
  const declared = request.headers["content-length"];
  if (declared !== undefined && Number(declared) > options.maxBodyBytes) {
    refuse(request, response, 413, "payload_too_large", tooLarge(options.maxBodyBytes));
    return;
  }
  const target = new URL(request.url ?? "/", options.apiUrl);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const upstream = send(target, {
    method: request.method,
    headers: forwardedHeaders(request),
    ...(target.protocol === "http:" ? { agent: keepAlive } : {}),
  });
  let received = 0;
  upstream.on("response", (answer) => {
    if (response.headersSent) {
      answer.resume();
      return;
    }
    if (!request.complete) {
      // The api answered before the body was all in (one of its own limits): the rest is not sent on.
      request.unpipe(limit);
      limit.unpipe(upstream);
      upstream.end();
      discardRest(request);
    }
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answerHeaders(answer.headers));
    answer.pipe(response);
    answer.on("error", () => response.destroy());
  });
  upstream.on("error", () => {
    if (!response.headersSent) refuse(request, response, 502, "bad_gateway", "the api could not be reached");
    else if (!response.writableEnded) response.destroy();
  });
  response.on("close", () => {
    if (!response.writableFinished) upstream.destroy();
  });

  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      received += chunk.length;
      if (received > options.maxBodyBytes) {
        request.unpipe(limit);
        limit.unpipe(upstream);
        upstream.destroy();
        refuse(request, response, 413, "payload_too_large", tooLarge(options.maxBodyBytes));
        callback();
        return;
      }
      callback(null, chunk);
    },
  });
  request.on("error", () => upstream.destroy());
  request.pipe(limit).pipe(upstream);
}

function forwardedHeaders(request: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) headers[name] = value;
  }
  const peer = request.socket.remoteAddress;
  if (peer) headers["x-forwarded-for"] = peer;
  if (request.headers.host) headers["x-forwarded-host"] = request.headers.host;
  headers["x-forwarded-proto"] = "encrypted" in request.socket && request.socket.encrypted ? "https" : "http";
  return headers;
}

/**
 * What every answer from this origin carries, as the pages do (next.config.ts), unless the api sent its
 * own: no MIME sniffing, no framing, only the origin in referrers. The CSP names frame-ancestors only,
 * so the api's HTML (its docs) keeps its scripts.
 */
const ANSWER_SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "frame-ancestors 'none'",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function answerHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = { ...ANSWER_SECURITY_HEADERS };
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) kept[name] = value;
  }
  return kept;
}

function tooLarge(maxBodyBytes: number): string {
  return `the request body is larger than any route takes (${maxBodyBytes} bytes)`;
}

/**
 * How much of a refused body is read on (and dropped) so the client gets to read the refusal: no more
 * than the proxy would have taken anyway.
 */
const LINGER_BYTES = 64 * 1024 * 1024;
const LINGER_MS = 10_000;

/**
 * Reads on and drops the rest of a refused body, like a server's lingering close: a client still
 * writing when the connection closed would get a reset (EPIPE) instead of the answer waiting for it.
 * Past LINGER_BYTES or LINGER_MS the connection is cut: nobody uploads forever at our expense.
 */
function discardRest(request: IncomingMessage): void {
  let dropped = 0;
  const cut = () => request.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  request.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) cut();
  });
  request.on("close", () => clearTimeout(timer));
  request.resume();
}

/**
 * Answers with a problem at once, before (or instead of) reading the body: the client learns now,
 * not after its upload; what it still sends is dropped (discardRest).
 */
function refuse(request: IncomingMessage, response: ServerResponse, status: number, code: string, detail: string) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({
    type: `https://a360.exchange/problems/${code}`,
    title: code.replaceAll("_", " "),
    status,
    detail,
    code,
    instance: request.url,
  });
  response.writeHead(status, {
    ...ANSWER_SECURITY_HEADERS,
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
  if (!request.complete) discardRest(request);
}
