import type { SignedInSession } from "./sessions.ts";

/** The request variables loadSession sets; every router that reads the signed-in user runs under them. */
export interface SessionEnv {
  Variables: {
    session: SignedInSession | undefined;
  };
}
