import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { proxyApiRequest } from "./proxyApiRequest";

const MAX_BODY_BYTES = 64 * 1024;

/** A stand-in for the api: records what reaches it and answers what the test asks. */
const seen: { headers?: IncomingHttpHeaders; bodyBytes: number; requests: number } = { bodyBytes: 0, requests: 0 };
const api = createServer((incoming, answer) => {
  seen.requests += 1;
  seen.headers = incoming.headers;
  if (incoming.url === "/api/v1/refuse-early") {
    // The api's own limit on a route: it answers before the body is in.
    answer.writeHead(413, { "content-type": "application/problem+json" });
    answer.end(JSON.stringify({ status: 413, code: "payload_too_large", detail: "from the api" }));
    return;
  }
  incoming.on("data", (chunk: Buffer) => {
    seen.bodyBytes += chunk.length;
  });
  incoming.on("end", () => {
    if (incoming.url === "/api/v1/gzip") {
      answer.writeHead(200, { "content-encoding": "gzip", "set-cookie": ["a=1; HttpOnly", "b=2; HttpOnly"] });
      answer.end(gzipSync("kept as sent"));
      return;
    }
    answer.writeHead(200, { "content-type": "application/json" });
    answer.end(JSON.stringify({ bodyBytes: seen.bodyBytes }));
  });
});
const web = createServer((incoming, answer) =>
  proxyApiRequest(incoming, answer, { apiUrl: urlOf(api), maxBodyBytes: MAX_BODY_BYTES }),
);
function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
api.listen(0, "127.0.0.1");
web.listen(0, "127.0.0.1");
await Promise.all([once(api, "listening"), once(web, "listening")]);
afterAll(() => {
  web.closeAllConnections();
  api.closeAllConnections();
  web.close();
  api.close();
});
beforeEach(() => {
  seen.bodyBytes = 0;
  seen.requests = 0;
  seen.headers = undefined;
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Bytes of the request body the client had written when the answer's head arrived. */
  writtenBeforeAnswer: number;
}

/**
 * Sends a request through the web's proxy. A streamed body is written chunk after chunk, each once the
 * previous one is flushed, until the answer arrives (or `maxChunks` are out, then it ends).
 */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer; streamChunks?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const outgoing = request(`${urlOf(web)}${path}`, {
      method: options.method ?? "GET",
      headers: options.headers,
      // A connection of its own: a refused request's socket is still draining what the client sent.
      agent: false,
    });
    outgoing.on("response", (incoming) => {
      answered = true;
      const writtenBeforeAnswer = written;
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: Buffer.concat(chunks),
          writtenBeforeAnswer,
        }),
      );
    });
    // The proxy closes the connection after a refusal: a write still under way may fail, the answer stands.
    outgoing.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (options.body) {
      written = options.body.length;
      outgoing.end(options.body);
    } else if (options.streamChunks) {
      const chunk = Buffer.alloc(4096, 120);
      let left = options.streamChunks;
      const writeNext = () => {
        if (answered || outgoing.destroyed) return;
        if (left-- === 0) {
          outgoing.end();
          return;
        }
        written += chunk.length;
        outgoing.write(chunk, () => setImmediate(writeNext));
      };
      writeNext();
    } else {
      outgoing.end();
    }
  });
}

describe("the web's streaming proxy to the api", () => {
  it("refuses a body whose Content-Length is over the limit with a 413 problem, without reaching the api", async () => {
    const answer = await send("/api/v1/auth/verify", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES * 100) },
      streamChunks: 1,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(answer.body.toString())).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(seen.requests).toBe(0);
  });

  it("refuses a streamed (chunked) body with a 413 problem as soon as it passes the limit, not after the upload", async () => {
    // The client would send 100 times the limit; the answer comes once a little more than the limit is out.
    const answer = await send("/api/v1/organizations/x/passports/import", {
      method: "POST",
      headers: { "content-type": "text/csv", "transfer-encoding": "chunked" },
      streamChunks: (MAX_BODY_BYTES * 100) / 4096,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: "payload_too_large" });
    expect(answer.writtenBeforeAnswer).toBeLessThan(MAX_BODY_BYTES * 10);
    expect(seen.bodyBytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
  });

  it("passes on the api's early refusal of a streamed body during the upload", async () => {
    const answer = await send("/api/v1/refuse-early", {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      streamChunks: (MAX_BODY_BYTES * 100) / 4096,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ detail: "from the api" });
    expect(answer.writtenBeforeAnswer).toBeLessThan(MAX_BODY_BYTES * 10);
  });

  it("forwards a streamed body within the limit whole", async () => {
    const answer = await send("/api/v1/organizations/x/passports/import", {
      method: "POST",
      headers: { "content-type": "text/csv", "transfer-encoding": "chunked" },
      streamChunks: 10,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({ bodyBytes: 10 * 4096 });
  });

  it("states the client's address itself: a client's X-Forwarded-For is overwritten, not passed on", async () => {
    await send("/api/v1/auth/nonce", {
      headers: {
        "x-forwarded-for": "198.51.100.7, 203.0.113.8",
        forwarded: "for=198.51.100.7",
        "x-real-ip": "1.2.3.4",
      },
    });
    expect(seen.headers?.["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen.headers?.forwarded).toBeUndefined();
    expect(seen.headers?.["x-real-ip"]).toBeUndefined();
  });

  it("passes the api's answer on as sent: compressed bytes and every Set-Cookie", async () => {
    const answer = await send("/api/v1/gzip", { headers: { "accept-encoding": "gzip" } });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.body).toEqual(gzipSync("kept as sent"));
    expect(answer.headers["set-cookie"]).toEqual(["a=1; HttpOnly", "b=2; HttpOnly"]);
  });

  it("gives the api's answers the site's security headers: no sniffing, no framing", async () => {
    const answer = await send("/api/v1/health");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(answer.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("answers 502 with a problem when the api cannot be reached", async () => {
    const down = createServer((incoming, answer) =>
      proxyApiRequest(incoming, answer, { apiUrl: "http://127.0.0.1:1", maxBodyBytes: MAX_BODY_BYTES }),
    );
    down.listen(0, "127.0.0.1");
    await once(down, "listening");
    const response = await fetch(`${urlOf(down)}/api/v1/health`);
    down.close();
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
