import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./AppEnv.ts";
import type { AppServices } from "./AppServices.ts";
import { accountRoutes } from "./accounts/account-routes.ts";
import { passportBatchRoutes } from "./anchoring/passport-batch-routes.ts";
import { apiKeyRoutes } from "./api-keys/api-key-routes.ts";
import { attributeRoutes } from "./attributes/attribute-routes.ts";
import { authRoutes } from "./auth/auth-routes.ts";
import { loadSession } from "./auth/session-middleware.ts";
import { getSessionCookieName } from "./auth/sessions.ts";
import { bomRoutes } from "./bom/bom-routes.ts";
import { ChainMirror } from "./chain/ChainMirror.ts";
import { completenessRoutes } from "./completeness/completeness-routes.ts";
import { docsRoutes } from "./docs/docs-routes.ts";
import { NotFoundError } from "./errors/ApiError.ts";
import { exchangeRoutes } from "./exchange/exchange-routes.ts";
import { healthRoutes } from "./health/health-routes.ts";
import { checkOrigin } from "./http/checkOrigin.ts";
import { checkRequest } from "./http/checkRequest.ts";
import { handleError, problemFromError, problemResponse } from "./http/problem.ts";
import { importJobRoutes } from "./imports/import-job-routes.ts";
import { labelRoutes } from "./labels/label-routes.ts";
import { carbonFootprintRoutes } from "./models/carbon-footprint-routes.ts";
import { modelRoutes } from "./models/model-routes.ts";
import { notificationRoutes } from "./notifications/notification-routes.ts";
import { invitationRoutes } from "./organizations/invitation-routes.ts";
import { memberRoutes } from "./organizations/member-routes.ts";
import { organizationRoutes } from "./organizations/organization-routes.ts";
import { garageRoutes } from "./owners/garage-routes.ts";
import { unitRoutes } from "./owners/unit-routes.ts";
import { passportVersionRoutes } from "./passport-versions/passport-version-routes.ts";
import { publicPassportDisclosureRoutes } from "./passport-versions/public-passport-disclosure-routes.ts";
import { passportRoutes } from "./passports/passport-routes.ts";
import { publicPassportRoutes } from "./passports/public-passport-routes.ts";
import { awaitOwnChanges } from "./public-reads/awaitOwnChanges.ts";
import { readingRoutes } from "./readings/reading-routes.ts";
import { referenceRoutes } from "./reference/reference-routes.ts";
import { appointmentRoutes } from "./service-centres/appointment-routes.ts";
import { serviceCentreRoutes } from "./service-centres/service-centre-routes.ts";
import { telegramAuthRoutes } from "./telegram/telegram-auth-routes.ts";
import { ownerWorkOrderRoutes } from "./work-orders/owner-work-order-routes.ts";
import { workOrderRoutes } from "./work-orders/work-order-routes.ts";
import { workflowRoutes } from "./workflow/workflow-routes.ts";

export const API_PREFIX = "/api/v1";

export function createApp(services: AppServices) {
  const mirror = new ChainMirror(services.db, services.config.CHAIN_MIRROR_SCHEMA);
  const api = new OpenAPIHono<AppEnv>();

  api.use("*", awaitOwnChanges(services.publicReads.feed));
  api.use("*", checkOrigin(services.config.WEB_ORIGINS));
  api.use("*", loadSession(services.db, getSessionCookieName(services.config.SESSION_COOKIE_SECURE)));
  for (const limit of services.rateLimits.middleware(API_PREFIX, (c) => c.get("session") !== undefined)) {
    api.use("*", limit);
  }
  api.use(
    "*",
    checkRequest({
      prefix: API_PREFIX,
      document: () =>
        api.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "A360 Exchange API", version: "1" } }),
    }),
  );
  api.route("/", healthRoutes(services, mirror));
  api.route("/", authRoutes(services));
  api.route("/", accountRoutes(services, mirror));
  api.route("/", organizationRoutes(services));
  api.route("/", memberRoutes(services));
  api.route("/", invitationRoutes(services));
  api.route("/", attributeRoutes(services));
  api.route("/", referenceRoutes(services));
  api.route("/", publicPassportRoutes(services));
  api.route("/", modelRoutes(services));
  api.route("/", carbonFootprintRoutes(services));
  api.route("/", bomRoutes(services));
  api.route("/", passportRoutes(services));
  api.route("/", completenessRoutes(services));
  api.route("/", readingRoutes(services));
  api.route("/", apiKeyRoutes(services));
  api.route("/", labelRoutes(services));
  api.route("/", importJobRoutes(services));
  api.route("/", workflowRoutes(services));
  api.route("/", passportVersionRoutes(services));
  api.route("/", publicPassportDisclosureRoutes(services));
  api.route("/", passportBatchRoutes(services));
  api.route("/", garageRoutes(services));
  api.route("/", unitRoutes(services));
  api.route("/", serviceCentreRoutes(services));
  api.route("/", appointmentRoutes(services));
  api.route("/", workOrderRoutes(services));
  api.route("/", ownerWorkOrderRoutes(services));
  api.route("/", notificationRoutes(services));
  api.route("/", telegramAuthRoutes(services));
  api.route("/", exchangeRoutes(services));

  api.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: getSessionCookieName(services.config.SESSION_COOKIE_SECURE),
    description: "Sign-In With Ethereum session (POST /auth/verify)",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "Tenant API key for machines (POST /organizations/{organizationId}/api-keys)",
  });

  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "A360 Exchange API",
      version: "1.0.0",
      description:
        "Off-chain data of A360 Exchange: tenants, battery models and passports, the attribute catalogue, readings, and their join with the chain mirror. Tenant routes name the organization they act for in the path (/organizations/{organizationId}/...); the signed-in user must be a member there. Lists are cursor-paginated (limit, cursor → nextCursor).",
    },
    servers: [{ url: API_PREFIX }],
  });
  api.route("/", docsRoutes(API_PREFIX));

  const app = new OpenAPIHono<AppEnv>();
  app.route(API_PREFIX, api);
  app.notFound((c) => problemResponse(c, problemFromError(new NotFoundError("route"), c.req.path)));
  app.onError(handleError(services.logger));
  return app;
}
