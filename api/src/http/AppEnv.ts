import type { Logger } from "pino";
import type { SignedInSession } from "../auth/sessions.ts";
import type { ApiConfig } from "../config.ts";
import type { Database } from "../database/prisma.ts";

/** What every route can reach: the database, the configuration, the logger. */
export interface AppServices {
  db: Database;
  config: ApiConfig;
  logger: Logger;
}

export interface AppEnv {
  Variables: {
    session: SignedInSession | undefined;
  };
}
