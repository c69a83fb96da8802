import { createServer, type Server } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { answerKeptPublicRead } from "../public-reads/answerKeptPublicRead.ts";
import type { PublicReadCache } from "../public-reads/PublicReadCache.ts";

/** The api's HTTP server: kept anonymous public reads straight from the cache, everything else through the app. */
export function createApiServer(
  app: { fetch: Parameters<typeof getRequestListener>[0] },
  publicReads: PublicReadCache,
): Server {
  const listener = getRequestListener(app.fetch);
  return createServer((request, response) => {
    if (!answerKeptPublicRead(request, response, publicReads)) void listener(request, response);
  });
}
