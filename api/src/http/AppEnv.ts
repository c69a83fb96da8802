import type { Logger } from "pino";
import type { SignedInSession } from "../auth/sessions.ts";
import type { ApiConfig } from "../config.ts";
import type { Database } from "../database/prisma.ts";
import type { Outboxes } from "../jobs/registerJobs.ts";
import type { PublicReadCache } from "../public-reads/PublicReadCache.ts";
import type { ServiceOutbox } from "../work-orders/ServiceOutbox.ts";

/** What every route can reach: the database, the configuration, the logger, the public read cache. */
export interface AppServices {
  db: Database;
  config: ApiConfig;
  logger: Logger;
  /** Anonymous public reads kept by this process, with the change feed that keeps them current. */
  publicReads: PublicReadCache;
  /** Sends the jobs a completed work order leaves behind (repair on chain, webhooks); absent, the sweep finds them. */
  serviceOutbox?: ServiceOutbox;
  /** Where routes send work for the job queue (imports). */
  outboxes: Outboxes;
}

export interface AppEnv {
  Variables: {
    session: SignedInSession | undefined;
  };
}
