import type { SessionEnv } from "./auth/SessionEnv.ts";

/**
 * What every request of the app carries (Hono's Env): the variables the app's middleware sets.
 * Each module that sets one declares its own Env (auth: SessionEnv) and this type joins them, so
 * lower folders never import from the app.
 */
export type AppEnv = SessionEnv;
