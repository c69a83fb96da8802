import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { ConflictError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getTenantMember } from "../tenancy/TenantMember.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { CreateOrganizationSchema, OrganizationSchema, UpdateOrganizationSchema } from "./OrganizationSchemas.ts";
import { toOrganization } from "./toOrganization.ts";

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const OrganizationListSchema = z.object({ items: z.array(OrganizationSchema) }).openapi("OrganizationList");

const listRoute = createRoute({
  method: "get",
  path: "/organizations",
  tags: ["organizations"],
  summary: "The signed-in user's organizations, with their role and what it allows, oldest membership first",
  security: SESSION_SECURITY,
  responses: { 200: json(OrganizationListSchema, "Organizations"), ...problemResponses(401) },
});

const createOrganizationRoute = createRoute({
  method: "post",
  path: "/organizations",
  tags: ["organizations"],
  summary: "Create an organization; the signed-in user becomes its admin",
  description:
    "The kind (manufacturer, service centre, recycler, …) is fixed at creation: it decides what the organization may do (only manufacturers keep and anchor passports).",
  security: SESSION_SECURITY,
  request: { body: { content: { "application/json": { schema: CreateOrganizationSchema } }, required: true } },
  responses: { 201: json(OrganizationSchema, "The new organization"), ...problemResponses(401, 409, 422) },
});

const getRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}",
  tags: ["organizations"],
  summary: "An organization's profile, with the signed-in member's role",
  security: SESSION_SECURITY,
  request: { params: OrganizationParamsSchema },
  responses: { 200: json(OrganizationSchema, "The organization"), ...problemResponses(401, 403, 422) },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/organizations/{organizationId}",
  tags: ["organizations"],
  summary: "Change the organization's name and profile (legal name, identifiers, address); admins only",
  description: "Fields left out stay as they are; null or an empty string clears a field.",
  security: SESSION_SECURITY,
  request: {
    params: OrganizationParamsSchema,
    body: { content: { "application/json": { schema: UpdateOrganizationSchema } }, required: true },
  },
  responses: { 200: json(OrganizationSchema, "The organization"), ...problemResponses(401, 403, 422) },
});

/** Columns of a profile write: fields left out stay undefined (unchanged), cleared ones null. */
function toProfileColumns(input: z.infer<typeof UpdateOrganizationSchema>) {
  return {
    name: input.name,
    legalName: input.legalName,
    registrationNumber: input.identifiers?.registrationNumber,
    vatId: input.identifiers?.vatId,
    lei: input.identifiers?.lei,
    eori: input.identifiers?.eori,
    gln: input.identifiers?.gln,
    street: input.address?.street,
    postalCode: input.address?.postalCode,
    city: input.address?.city,
    countryCode: input.address?.countryCode,
  };
}

export function organizationRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  app.openapi(listRoute, async (c) => {
    const session = getSession(c);
    const memberships = await db.prisma.membership.findMany({
      where: { userId: session.userId },
      include: { organization: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return c.json({ items: memberships.map((row) => toOrganization(row.organization, row.role)) }, 200);
  });

  app.openapi(createOrganizationRoute, async (c) => {
    const session = getSession(c);
    const input = c.req.valid("json");
    const organization = await db.prisma.$transaction(async (tx) => {
      // Serialises one user's creations, so two at once cannot both pass the limit.
      await tx.$queryRaw`select id from app."user" where id = ${session.userId}::uuid for update`;
      const count = await tx.membership.count({ where: { userId: session.userId, role: "ADMIN" } });
      if (count >= config.ORGANIZATIONS_PER_USER_MAX) {
        throw new ConflictError(
          `you administer ${count} organizations already, the most one wallet may (ORGANIZATIONS_PER_USER_MAX)`,
        );
      }
      return tx.organization.create({
        data: {
          ...toProfileColumns(input),
          name: input.name,
          kind: input.kind,
          memberships: { create: { userId: session.userId, role: "ADMIN" } },
        },
      });
    });
    return c.json(toOrganization(organization, "ADMIN"), 201);
  });

  app.openapi(getRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const member = await getTenantMember(c, services, organizationId, "read");
    const organization = await db.prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
    return c.json(toOrganization(organization, member.role), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const member = await getTenantMember(c, services, organizationId, "admin");
    const organization = await db.prisma.organization.update({
      where: { id: organizationId },
      data: toProfileColumns(c.req.valid("json")),
    });
    return c.json(toOrganization(organization, member.role), 200);
  });

  return app;
}
