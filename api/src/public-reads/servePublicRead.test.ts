import { randomUUID } from "node:crypto";
import { z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { pino } from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";
import { PassportChangeFeed } from "./PassportChangeFeed.ts";
import { PublicReadCache } from "./PublicReadCache.ts";
import { servePublicRead } from "./servePublicRead.ts";

const feed = new PassportChangeFeed(inject("databaseUrl"), pino({ level: "silent" }));
await feed.start();
afterAll(() => feed.stop());
const cache = new PublicReadCache(feed, { maxBytes: 2 ** 20, ttlMs: 60_000 });

const Answer = z.object({ count: z.number() });
const scope = { passportId: randomUUID(), modelId: randomUUID(), tenantId: randomUUID() };

/** A route on the pipeline whose render is the test's; counts its loads. */
function routeRendering(json: string) {
  const loads = { count: 0 };
  const app = new Hono();
  app.get("/read/:key", (c) =>
    servePublicRead(c, cache, {
      key: `test:${c.req.param("key")}`,
      schema: Answer,
      cacheControl: "public, max-age=1",
      missing: "read",
      reader: { signedIn: c.req.header("cookie") !== undefined },
      load: async () => {
        loads.count += 1;
        return c.req.param("key") === "missing" ? undefined : { json };
      },
      render: (loaded) => ({ json: loaded.json, scope }),
    }),
  );
  app.onError((error, c) => c.json({ error: error.message }, "status" in error ? 404 : 500));
  return { app, loads };
}

describe("the public read pipeline", () => {
  it("keeps an anonymous answer once and serves it again without loading", async () => {
    const { app, loads } = routeRendering('{"count":1}');
    const first = await app.request("/read/kept");
    const second = await app.request("/read/kept");
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toEqual({ count: 1 });
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(loads.count).toBe(1);
  });

  it("renders for a signed-in reader every time and marks the answer private", async () => {
    const { app, loads } = routeRendering('{"count":2}');
    const answers = [await app.request("/read/private", { headers: { cookie: "s=1" } })];
    answers.push(await app.request("/read/private", { headers: { cookie: "s=1" } }));
    expect(answers.map((answer) => answer.headers.get("cache-control"))).toEqual([
      "private, no-store",
      "private, no-store",
    ]);
    expect(loads.count).toBe(2);
    expect(cache.get("test:private")).toBeUndefined();
  });

  it("refuses to send or keep an answer that does not match the route's OpenAPI schema", async () => {
    const { app } = routeRendering('{"count":"one"}');
    const response = await app.request("/read/wrong");
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("OpenAPI schema") });
    expect(cache.get("test:wrong")).toBeUndefined();
  });

  it("answers 404 when there is nothing to load", async () => {
    const { app } = routeRendering('{"count":3}');
    expect((await app.request("/read/missing")).status).toBe(404);
  });
});
