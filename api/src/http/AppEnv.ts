import type { Logger } from "pino";
import type { SignedInSession } from "../auth/sessions.ts";
import type { ApiConfig } from "../config.ts";
import type { Database } from "../database/prisma.ts";
import type { PublicReadCache } from "../public-reads/PublicReadCache.ts";

/** What every route can reach: the database, the configuration, the logger, the public read cache. */
export interface AppServices {
  db: Database;
  config: ApiConfig;
  logger: Logger;
  /** Anonymous public reads kept by this process, with the change feed that keeps them current. */
  publicReads: PublicReadCache;
}

export interface AppEnv {
  Variables: {
    session: SignedInSession | undefined;
  };
}
