import { organizationIdOf } from "@a360/contracts/passport";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { ChainMirror } from "../chain/ChainMirror.ts";
import { ConflictError, NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getOwnerOrganizationId } from "./getOwnerOrganizationId.ts";
import { getUnitAccess } from "./UnitAccess.ts";
import { UsageUnitSchema } from "./UnitEntrySchemas.ts";

export const UnitParamsSchema = z.object({ passportId: z.string().uuid() });

const GarageUnitSchema = z
  .object({
    passportId: z.string().uuid(),
    publicId: z.string(),
    serialNumber: z.string(),
    modelName: z.string(),
    productCategory: z.string(),
    source: z.enum(["REGISTERED", "ON_CHAIN", "IMPORTED"]),
    role: z.enum(["OWNER", "GRANTEE"]),
    nickname: z.string().nullable(),
    usageUnit: UsageUnitSchema,
    usage: z.object({ value: z.number(), readAt: z.string() }).nullable(),
    openRecommendations: z.number().int(),
  })
  .openapi("GarageUnit");

const GarageSchema = z
  .object({
    organizationId: z.string().uuid(),
    units: z.array(GarageUnitSchema),
    /** Unit tokens the wallet holds on chain that are not in the garage yet. */
    unclaimedOnChain: z.array(z.object({ publicId: z.string(), unitId: z.string() })),
  })
  .openapi("Garage");

const ClaimSchema = z
  .object({ publicId: z.string().min(1).max(64), usageUnit: UsageUnitSchema.default("KM") })
  .openapi("GarageClaim", { example: { publicId: "q3ZfN0t5bXlKc2VjcmV0", usageUnit: "KM" } });

const UpdateSchema = z
  .object({ nickname: z.string().trim().min(1).max(100).nullable().optional(), usageUnit: UsageUnitSchema.optional() })
  .openapi("GarageUnitUpdate", { example: { nickname: "Daily driver" } });

const garageRoute = createRoute({
  method: "get",
  path: "/garage",
  tags: ["garage"],
  summary: "My garage: units I own (registered, imported or held on chain) and units shared with me",
  security: SESSION_SECURITY,
  responses: { 200: jsonResponse(GarageSchema, "The garage"), ...problemResponses(401) },
});

const claimRoute = createRoute({
  method: "post",
  path: "/garage/units",
  tags: ["garage"],
  summary: "Add a unit whose token my wallet holds on chain to my garage",
  security: SESSION_SECURITY,
  request: { body: jsonBody(ClaimSchema) },
  responses: {
    201: jsonResponse(GarageUnitSchema, "The unit in the garage"),
    ...problemResponses(401, 403, 404, 409, 422, 503),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/garage/units/{passportId}",
  tags: ["garage"],
  summary: "Name a unit of my garage or change the unit its usage is counted in",
  security: SESSION_SECURITY,
  request: {
    params: UnitParamsSchema,
    body: jsonBody(UpdateSchema),
  },
  responses: { 200: jsonResponse(GarageUnitSchema, "The unit"), ...problemResponses(401, 404, 422) },
});

const releaseRoute = createRoute({
  method: "delete",
  path: "/garage/units/{passportId}",
  tags: ["garage"],
  summary: "Take a unit out of my garage (its records stay with my organization)",
  security: SESSION_SECURITY,
  request: { params: UnitParamsSchema },
  responses: { 204: { description: "Released" }, ...problemResponses(401, 404, 422) },
});

export function garageRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();
  const mirror = new ChainMirror(db, services.config.CHAIN_MIRROR_SCHEMA);

  async function toGarageUnits(
    rows: Array<{
      passportId: string;
      source: "REGISTERED" | "ON_CHAIN" | "IMPORTED";
      nickname: string | null;
      usageUnit: z.infer<typeof UsageUnitSchema>;
      role: "OWNER" | "GRANTEE";
    }>,
  ) {
    const passportIds = rows.map((row) => row.passportId);
    const [passports, usage, open] = await Promise.all([
      db.prisma.passport.findMany({
        where: { id: { in: passportIds } },
        select: { id: true, publicId: true, serialNumber: true, model: { select: { name: true } } },
      }),
      db.prisma.$queryRaw<Array<{ passport_id: string; value: string; read_at: Date }>>`
        select distinct on (passport_id) passport_id, value::text as value, read_at
          from app.usage_reading where passport_id = any(${passportIds}::uuid[])
         order by passport_id, read_at desc, value desc`,
      db.prisma.maintenanceRecommendation.groupBy({
        by: ["passportId"],
        where: { passportId: { in: passportIds }, status: "OPEN" },
        _count: true,
      }),
    ]);
    const byId = new Map(passports.map((passport) => [passport.id, passport]));
    const usageById = new Map(usage.map((row) => [row.passport_id, row]));
    const openById = new Map(open.map((row) => [row.passportId, row._count]));
    return rows.flatMap((row) => {
      const passport = byId.get(row.passportId);
      if (!passport) return [];
      const reading = usageById.get(row.passportId);
      return [
        {
          passportId: row.passportId,
          publicId: passport.publicId,
          serialNumber: passport.serialNumber,
          modelName: passport.model.name,
          productCategory: "BATTERY",
          source: row.source,
          role: row.role,
          nickname: row.nickname,
          usageUnit: row.usageUnit,
          usage: reading ? { value: Number(reading.value), readAt: reading.read_at.toISOString() } : null,
          openRecommendations: openById.get(row.passportId) ?? 0,
        },
      ];
    });
  }

  async function getGarageUnit(userId: string, passportId: string) {
    const row = await db.prisma.garageUnit.findFirst({ where: { passportId, ownerUserId: userId, releasedAt: null } });
    if (!row) throw new NotFoundError("unit");
    return row;
  }

  app.openapi(garageRoute, async (c) => {
    const session = getSession(c);
    const organizationId = await getOwnerOrganizationId(db.prisma, session.userId);
    const [owned, grants] = await Promise.all([
      db.prisma.garageUnit.findMany({
        where: { tenantId: organizationId, releasedAt: null },
        orderBy: { addedAt: "desc" },
      }),
      db.prisma.unitAccessGrant.findMany({
        where: {
          granteeId: session.userId,
          revokedAt: null,
          OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
        },
        select: { passportId: true },
      }),
    ]);
    const shared = await db.prisma.garageUnit.findMany({
      where: { passportId: { in: grants.map((grant) => grant.passportId) }, releasedAt: null },
    });
    const units = await toGarageUnits([
      ...owned.map((row) => ({ ...row, role: "OWNER" as const })),
      ...shared
        .filter((row) => row.ownerUserId !== session.userId)
        .map((row) => ({ ...row, role: "GRANTEE" as const })),
    ]);
    let unclaimedOnChain: Array<{ publicId: string; unitId: string }> = [];
    if (session.address) {
      const held = await mirror.listUnitsOwnedBy(session.address, 200).catch(() => []);
      const inGarage = new Set(units.map((unit) => unit.publicId));
      unclaimedOnChain = held
        .filter((unit) => !inGarage.has(unit.passportPublicId))
        .map((unit) => ({ publicId: unit.passportPublicId, unitId: unit.unitId.toString() }));
    }
    c.header("cache-control", "no-store");
    return c.json({ organizationId, units, unclaimedOnChain }, 200);
  });

  app.openapi(claimRoute, async (c) => {
    const session = getSession(c);
    const { publicId, usageUnit } = c.req.valid("json");
    const passport = await db.prisma.passport.findUnique({ where: { publicId }, select: { id: true, tenantId: true } });
    if (!passport) throw new NotFoundError("passport");
    const unit = await mirror.findUnitByPassport(publicId, organizationIdOf(passport.tenantId));
    if (!unit || !session.address || unit.owner !== session.address.toLowerCase()) {
      throw new ConflictError("the chain does not show this wallet holding the unit's token");
    }
    const organizationId = await getOwnerOrganizationId(db.prisma, session.userId);
    const row = await db.prisma.$transaction(async (tx) => {
      const current = await tx.garageUnit.findFirst({ where: { passportId: passport.id, releasedAt: null } });
      if (current?.tenantId === organizationId) return current;
      // The token moved: the previous holder's garage lets go of it (their records stay theirs).
      if (current) await tx.garageUnit.update({ where: { id: current.id }, data: { releasedAt: new Date() } });
      return tx.garageUnit.upsert({
        where: { tenantId_passportId: { tenantId: organizationId, passportId: passport.id } },
        create: {
          tenantId: organizationId,
          passportId: passport.id,
          ownerUserId: session.userId,
          source: "ON_CHAIN",
          usageUnit,
        },
        update: { releasedAt: null, source: "ON_CHAIN", ownerUserId: session.userId },
      });
    });
    const [view] = await toGarageUnits([{ ...row, role: "OWNER" }]);
    return c.json(view!, 201);
  });

  app.openapi(updateRoute, async (c) => {
    const session = getSession(c);
    const { passportId } = c.req.valid("param");
    const input = c.req.valid("json");
    const row = await getGarageUnit(session.userId, passportId);
    const updated = await db.prisma.garageUnit.update({
      where: { id: row.id },
      data: {
        ...(input.nickname !== undefined ? { nickname: input.nickname } : {}),
        ...(input.usageUnit ? { usageUnit: input.usageUnit } : {}),
      },
    });
    const [view] = await toGarageUnits([{ ...updated, role: "OWNER" }]);
    return c.json(view!, 200);
  });

  app.openapi(releaseRoute, async (c) => {
    const session = getSession(c);
    const { passportId } = c.req.valid("param");
    const access = await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
    if (access.role !== "OWNER") throw new NotFoundError("unit");
    const row = await getGarageUnit(session.userId, passportId);
    await db.prisma.garageUnit.update({ where: { id: row.id }, data: { releasedAt: new Date() } });
    return c.body(null, 204);
  });

  return app;
}
