import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { getReaderAccess } from "../attributes/ReaderAccess.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import { NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY, SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { PublicIdSchema } from "../passports/PassportSchemas.ts";
import { getTenantActor, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { BATTERY_PASS_SCHEMAS, BATTERY_PASS_SUBMODELS } from "./BatteryPassExport.ts";
import { findBatteryPassRecord } from "./findBatteryPassSources.ts";
import { getPassportBatteryPass } from "./getPassportBatteryPass.ts";
import { streamBatteryPassLines } from "./streamBatteryPassLines.ts";

const SubmodelSchema = z.record(z.string(), z.any());

export const BatteryPassExportSchema = z
  .object({
    passport: z.object({
      publicId: z.string(),
      readerAccess: z.enum(["PUBLIC", "LEGITIMATE_INTEREST", "FULL"]),
      schemas: z.record(z.string(), z.string()),
    }),
    ...Object.fromEntries(
      BATTERY_PASS_SUBMODELS.map((submodel) => [
        submodel,
        SubmodelSchema.openapi({
          description: `Valid against the official ${BATTERY_PASS_SCHEMAS[submodel].name} schema ${BATTERY_PASS_SCHEMAS[submodel].version} for the properties this reader may see`,
        }),
      ]),
    ),
  })
  .openapi("BatteryPassExport");

const passportRoute = createRoute({
  method: "get",
  path: "/passports/{publicId}/battery-pass",
  tags: ["battery-pass"],
  summary: "A passport in the Battery Pass data model v1.2 shape: seven sub-models, as this reader may see it",
  description:
    "Anonymous readers get the public attributes; members of the issuing organization and authorities everything; repairers, service centres and recyclers the legitimate-interest attributes too. Dynamic values carry `lastUpdate`, the time they were measured.",
  security: PUBLIC_SECURITY,
  request: { params: z.object({ publicId: PublicIdSchema }) },
  responses: {
    200: { description: "The export", content: { "application/json": { schema: BatteryPassExportSchema } } },
    ...problemResponses(404, 422),
  },
});

const bulkRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/battery-pass",
  tags: ["battery-pass"],
  summary: "Every passport of the organization as JSON Lines, one Battery Pass export a line, streamed",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: OrganizationParamsSchema },
  responses: {
    200: {
      description: "One BatteryPassExport (JSON) a line, in passport id order",
      content: { "application/x-ndjson": { schema: z.string() } },
    },
    ...problemResponses(401, 403, 422),
  },
});

export function batteryPassRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(passportRoute, async (c) => {
    const session = c.get("session");
    const { publicId } = c.req.valid("param");
    const [record, catalogue, memberships] = await Promise.all([
      findBatteryPassRecord(db, publicId),
      getAttributeCatalogue(db),
      session
        ? db.prisma.membership.findMany({
            where: { userId: session.userId },
            select: { organizationId: true, organization: { select: { kind: true } } },
          })
        : Promise.resolve([]),
    ]);
    if (!record) throw new NotFoundError("passport");
    const readerAccess = getReaderAccess({
      ownsPassport: memberships.some((membership) => membership.organizationId === record.tenantId),
      organizationKinds: memberships.map((membership) => membership.organization.kind),
    });
    if (session && readerAccess !== "PUBLIC") {
      // Every read beyond the public attributes is logged in the issuing organization's audit log.
      await recordAudit(db.prisma, {
        tenantId: record.tenantId,
        actorId: session.userId,
        action: "battery_pass.restricted_read",
        subjectType: "passport",
        subjectId: record.id,
        details: { readerAccess, readerOrganizationIds: memberships.map((membership) => membership.organizationId) },
      });
    }
    c.header("cache-control", session ? "private, no-store" : "public, max-age=60");
    c.header("vary", "cookie");
    return c.json(getPassportBatteryPass(record, catalogue, readerAccess), 200);
  });

  // A stream is no typed response to @hono/zod-openapi (it reads any `application/…json…` media type
  // as JSON), so the route is documented through the registry and served as a plain handler.
  app.openAPIRegistry.registerPath(bulkRoute);
  app.get("/organizations/:organizationId/battery-pass", async (c) => {
    const params = OrganizationParamsSchema.safeParse(c.req.param());
    if (!params.success) {
      const issues = params.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
      throw new ValidationError("the request does not match the schema", issues);
    }
    const { organizationId } = params.data;
    const actor = await getTenantActor(c, services, organizationId, READ_ACCESS);
    await recordAudit(db.prisma, {
      tenantId: organizationId,
      actorId: actor.via === "session" ? actor.userId : null,
      action: "battery_pass.bulk_export",
      subjectType: "organization",
      subjectId: organizationId,
      details: actor.via === "apiKey" ? { apiKeyId: actor.apiKeyId } : {},
    });
    const catalogue = await getAttributeCatalogue(db);
    // The organization's own passports: it reads them in full.
    const lines = streamBatteryPassLines(db, catalogue, organizationId, "FULL");
    return c.body(lines, 200, { "content-type": "application/x-ndjson", "cache-control": "private, no-store" });
  });

  return app;
}
