import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

describe("GET /docs", () => {
  it("loads its viewer from the api itself, and no font or script from elsewhere", async () => {
    const response = await app.request("/api/v1/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toEqual(["/api/v1/docs/scalar.js"]);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[^"'\s]*\.(js|css|woff2?)/);
    expect(html).toContain("/api/v1/openapi.json");
  });

  it("serves the viewer's script, gzip-compressed to a browser that takes it", async () => {
    const plain = await app.request("/api/v1/docs/scalar.js");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toMatch(/javascript/);
    const script = await plain.text();
    expect(script.length).toBeGreaterThan(100_000);
    expect(script).toContain("createApiReference");
    const gzipped = await app.request("/api/v1/docs/scalar.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString("utf8")).toBe(script);
  });
});
