import type { Logger } from "pino";
import type { ApiConfig } from "../config.ts";
import { PassportChangeFeed } from "./PassportChangeFeed.ts";
import { PublicReadCache } from "./PublicReadCache.ts";

/** The public read cache as the configuration sizes it, its change feed listening. */
export async function createPublicReadCache(config: ApiConfig, logger: Logger): Promise<PublicReadCache> {
  const feed = new PassportChangeFeed(config.DATABASE_URL, logger);
  await feed.start();
  return new PublicReadCache(feed, {
    maxBytes: config.PUBLIC_READ_CACHE_MB * 2 ** 20,
    ttlMs: config.PUBLIC_READ_CACHE_TTL_SECONDS * 1000,
  });
}
