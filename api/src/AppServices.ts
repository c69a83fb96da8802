import type { Logger } from "pino";
import type { ApiConfig } from "./config.ts";
import type { Database } from "./database/Database.ts";
import type { ModelValueCache } from "./passports/ModelValueCache.ts";
import type { PublicReadCache } from "./public-reads/PublicReadCache.ts";
import type { RateLimits } from "./rate-limits/RateLimits.ts";
import type { Outboxes } from "./registerJobs.ts";
import type { ServiceOutbox } from "./work-orders/ServiceOutbox.ts";

/**
 * What the app owns for the lifetime of a process, made once by main.ts (or a test's createTestApp)
 * and handed to every route module (`fooRoutes(services)`) and to domain functions as the parts
 * they need (`db`, `config`): the database, the configuration, the logger, the caches of public reads.
 */
export interface AppServices {
  db: Database;
  config: ApiConfig;
  logger: Logger;
  /** Anonymous public reads kept by this process, with the change feed that keeps them current. */
  publicReads: PublicReadCache;
  /** Models' values for anonymous passport reads, kept current by the same change feed. */
  modelValues: ModelValueCache;
  /** Sends the jobs a completed work order leaves behind (repair on chain, webhooks); absent, the sweep finds them. */
  serviceOutbox?: ServiceOutbox;
  /** Where routes send work for the job queue (imports). */
  outboxes: Outboxes;
  /** Per-client limits on anonymous requests, shared by the routes and the kept-read fast path. */
  rateLimits: RateLimits;
}
