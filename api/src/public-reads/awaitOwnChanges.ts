import type { MiddlewareHandler } from "hono";
import type { PassportChangeFeed } from "./PassportChangeFeed.ts";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * After a request that may have written, waits until this process has seen every change committed
 * so far, so the writer's next anonymous read already shows the write (read-your-writes). Other
 * processes' caches follow within the notification's delivery time.
 */
export function awaitOwnChanges(feed: PassportChangeFeed): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!READS.has(c.req.method)) await feed.barrier();
  };
}
