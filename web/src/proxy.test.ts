import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy";
import { MAX_PROXIED_BODY_BYTES } from "./proxyLimits";

function post(headers: Record<string, string>): NextRequest {
  return new NextRequest("http://localhost:3000/api/v1/organizations/x/passports/import", { method: "POST", headers });
}

describe("the web's proxy to the api", () => {
  it("refuses a body over the api's largest limit as a 413 problem, without forwarding it", async () => {
    const response = proxy(post({ "content-length": String(MAX_PROXIED_BODY_BYTES + 1), "content-type": "text/csv" }));
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("refuses a body of unknown length (chunked) with 411, which it could only forward cut off", () => {
    expect(proxy(post({ "transfer-encoding": "chunked" })).status).toBe(411);
  });

  it("forwards a body within the limit to the api", () => {
    const response = proxy(post({ "content-length": "1000", "content-type": "text/csv" }));
    expect(response.headers.get("x-middleware-rewrite")).toBe(
      "http://127.0.0.1:4000/api/v1/organizations/x/passports/import",
    );
  });
});
