import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./AppEnv.ts";
import type { AppServices } from "./AppServices.ts";
import { accountRoutes } from "./accounts/accountRoutes.ts";
import { passportBatchRoutes } from "./anchoring/passportBatchRoutes.ts";
import { apiKeyRoutes } from "./api-keys/apiKeyRoutes.ts";
import { attributeRoutes } from "./attributes/attributeRoutes.ts";
import { authRoutes } from "./auth/authRoutes.ts";
import { loadSession } from "./auth/loadSession.ts";
import { getSessionCookieName } from "./auth/sessions.ts";
import { batteryPassRoutes } from "./battery-pass/batteryPassRoutes.ts";
import { bomRoutes } from "./bom/bomRoutes.ts";
import { ChainMirror } from "./chain/ChainMirror.ts";
import { communityBundleRoutes } from "./communities/communityBundleRoutes.ts";
import { communityLookupRoutes } from "./communities/communityLookupRoutes.ts";
import { communityMemberRoutes } from "./communities/communityMemberRoutes.ts";
import { communityRoutes } from "./communities/communityRoutes.ts";
import { deliveryPointRoutes } from "./communities/deliveryPointRoutes.ts";
import { energyAssetRoutes } from "./communities/energyAssetRoutes.ts";
import { energyRoutes } from "./communities/energyRoutes.ts";
import { completenessRoutes } from "./completeness/completenessRoutes.ts";
import { docsRoutes } from "./docs/docsRoutes.ts";
import { NotFoundError } from "./errors/ApiError.ts";
import { exchangeRoutes } from "./exchange/exchangeRoutes.ts";
import { healthRoutes } from "./health/healthRoutes.ts";
import { checkOrigin } from "./http/checkOrigin.ts";
import { checkRequest } from "./http/checkRequest.ts";
import { handleError, problemFromError, problemResponse } from "./http/problem.ts";
import { importJobRoutes } from "./imports/importJobRoutes.ts";
import { labelRoutes } from "./labels/labelRoutes.ts";
import { marketRoutes } from "./market/marketRoutes.ts";
import { carbonFootprintRoutes } from "./models/carbonFootprintRoutes.ts";
import { modelRoutes } from "./models/modelRoutes.ts";
import { notificationRoutes } from "./notifications/notificationRoutes.ts";
import { invitationRoutes } from "./organizations/invitationRoutes.ts";
import { memberRoutes } from "./organizations/memberRoutes.ts";
import { organizationRoutes } from "./organizations/organizationRoutes.ts";
import { garageRoutes } from "./owners/garageRoutes.ts";
import { unitRoutes } from "./owners/unitRoutes.ts";
import { passportVersionRoutes } from "./passport-versions/passportVersionRoutes.ts";
import { publicPassportDisclosureRoutes } from "./passport-versions/publicPassportDisclosureRoutes.ts";
import { passportRoutes } from "./passports/passportRoutes.ts";
import { publicPassportRoutes } from "./passports/publicPassportRoutes.ts";
import { protocolRoutes } from "./protocol/protocolRoutes.ts";
import { awaitOwnChanges } from "./public-reads/awaitOwnChanges.ts";
import { readingRoutes } from "./readings/readingRoutes.ts";
import { referenceRoutes } from "./reference/referenceRoutes.ts";
import { appointmentRoutes } from "./service-centres/appointmentRoutes.ts";
import { serviceCentreRoutes } from "./service-centres/serviceCentreRoutes.ts";
import { serviceHistoryRoutes } from "./service-records/serviceHistoryRoutes.ts";
import { telegramAuthRoutes } from "./telegram/telegramAuthRoutes.ts";
import { ownerWorkOrderRoutes } from "./work-orders/ownerWorkOrderRoutes.ts";
import { workOrderRoutes } from "./work-orders/workOrderRoutes.ts";
import { workflowRoutes } from "./workflow/workflowRoutes.ts";

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
  api.route("/", protocolRoutes(mirror));
  api.route("/", marketRoutes(mirror));
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
  api.route("/", serviceHistoryRoutes(services));
  api.route("/", batteryPassRoutes(services));
  api.route("/", communityRoutes(services));
  api.route("/", communityMemberRoutes(services));
  api.route("/", deliveryPointRoutes(services));
  api.route("/", energyAssetRoutes(services));
  api.route("/", energyRoutes(services));
  api.route("/", communityBundleRoutes(services));
  api.route("/", communityLookupRoutes(services));

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
