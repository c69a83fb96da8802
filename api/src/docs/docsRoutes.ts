import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Scalar } from "@scalar/hono-api-reference";
import { Hono } from "hono";
import type { AppEnv } from "../AppEnv.ts";

/** The reference viewer's browser bundle, from the installed @scalar/api-reference (no CDN). */
function readViewerBundle(): { plain: Buffer; gzip: Buffer } {
  const entry = fileURLToPath(import.meta.resolve("@scalar/api-reference"));
  const plain = readFileSync(path.join(path.dirname(entry), "browser", "standalone.js"));
  return { plain, gzip: gzipSync(plain, { level: 9 }) };
}

/**
 * The api's reference page at `<prefix>/docs`, served whole by the api: the viewer's script from
 * the installed package at `<prefix>/docs/scalar.js`, no web fonts, no telemetry, so the page works
 * without the internet.
 */
export function docsRoutes(prefix: string) {
  const app = new Hono<AppEnv>();
  let bundle: ReturnType<typeof readViewerBundle> | undefined;

  app.get("/docs/scalar.js", (c) => {
    bundle ??= readViewerBundle();
    const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
    const body = gzip ? bundle.gzip : bundle.plain;
    return c.body(new Uint8Array(body), 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=86400",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
  });
  app.get(
    "/docs",
    Scalar({
      url: `${prefix}/openapi.json`,
      pageTitle: "A360 Exchange API",
      cdn: `${prefix}/docs/scalar.js`,
      withDefaultFonts: false,
      telemetry: false,
    }),
  );
  return app;
}
