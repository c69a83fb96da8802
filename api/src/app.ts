import { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { accountRoutes } from "./accounts/account-routes.ts";
import { authRoutes } from "./auth/auth-routes.ts";
import { loadSession } from "./auth/session-middleware.ts";
import { ChainMirror } from "./chain/ChainMirror.ts";
import { NotFoundError } from "./errors/ApiError.ts";
import { healthRoutes } from "./health/health-routes.ts";
import type { AppEnv, AppServices } from "./http/AppEnv.ts";
import { handleError, problemFromError, problemResponse } from "./http/problem.ts";

export const API_PREFIX = "/api/v1";

export function createApp(services: AppServices) {
  const mirror = new ChainMirror(services.db, services.config.CHAIN_MIRROR_SCHEMA);
  const api = new OpenAPIHono<AppEnv>();

  api.use("*", loadSession(services));
  api.route("/", healthRoutes(services, mirror));
  api.route("/", authRoutes(services));
  api.route("/", accountRoutes(services, mirror));

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "A360 Exchange API",
      version: "1.0.0",
      description: "Off-chain data of A360 Exchange: tenants, passports, and their join with the chain mirror.",
    },
    servers: [{ url: API_PREFIX }],
  });
  api.get("/docs", Scalar({ url: `${API_PREFIX}/openapi.json`, pageTitle: "A360 Exchange API" }));

  const app = new OpenAPIHono<AppEnv>();
  app.route(API_PREFIX, api);
  app.notFound((c) => problemResponse(c, problemFromError(new NotFoundError("route"), c.req.path)));
  app.onError(handleError(services.logger));
  return app;
}
