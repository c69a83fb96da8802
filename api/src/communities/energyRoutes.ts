import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { NotFoundError, ValidationError } from "../errors/ApiError.ts";
import { MAX_BODY_BYTES } from "../http/checkRequest.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY, SESSION_SECURITY } from "../http/security.ts";
import { getTenantActor } from "../tenancy/getTenantActor.ts";
import { getCommunityActor, requireOperator } from "./CommunityActor.ts";
import { readJsonObject } from "./CommunityJson.ts";
import { CommunityMemberParamsSchema, CommunityParamsSchema, KeySchema } from "./CommunitySchemas.ts";
import { getCommunityMember } from "./communityMemberRoutes.ts";
import { type BalanceGranularity, getEnergyBalance, getMemberEnergy } from "./getEnergyBalance.ts";
import { ingestMeterReadings } from "./ingestMeterReadings.ts";

export const MAX_METER_READINGS_PER_BATCH = 10_000;

const MeterReadingSchema = z.object({
  meter: KeySchema.openapi({ description: "The meter's asset key" }),
  direction: z.enum(["IMPORT", "EXPORT"]),
  start: z.string().datetime({ offset: true }).openapi({ description: "Start of the 15-minute interval" }),
  energyWh: z.number().int().min(0).max(1_000_000_000),
});

const MeterReadingBatchSchema = z
  .object({ readings: z.array(MeterReadingSchema).min(1).max(MAX_METER_READINGS_PER_BATCH) })
  .openapi("MeterReadingBatch", {
    example: {
      readings: [{ meter: "meter-rossi", direction: "EXPORT", start: "2026-06-01T10:00:00Z", energyWh: 812 }],
    },
  });

const IngestResultSchema = z
  .object({
    accepted: z.number().int(),
    alreadyStored: z.number().int().openapi({ description: "Readings the community already had; kept as stored" }),
  })
  .openapi("MeterReadingIngest");

/** How long a balance may span at each granularity, so one answer stays bounded. */
const MAX_SPAN_DAYS: Record<BalanceGranularity, number> = { hour: 93, day: 1_100, month: 3_700 };

const PeriodQuerySchema = z.object({
  from: z
    .string()
    .datetime({ offset: true })
    .optional()
    .openapi({ description: "Default: `to` less a day (hour), 30 days (day) or a year (month)" }),
  to: z.string().datetime({ offset: true }).optional().openapi({ description: "Default: the end of today (UTC)" }),
  granularity: z.enum(["hour", "day", "month"]).default("day"),
});

const BalanceQuerySchema = PeriodQuerySchema.extend({
  by: z.enum(["community", "area"]).default("community"),
  area: KeySchema.optional(),
});

const FiguresSchema = z.object({
  productionWh: z.number(),
  consumptionWh: z.number(),
  fedInWh: z.number(),
  drawnWh: z.number(),
  sharedWh: z.number(),
  selfConsumptionRatio: z.number().nullable(),
  selfSufficiencyRatio: z.number().nullable(),
  incentive: z.number(),
});

const EnergyBalanceSchema = z
  .object({
    communityId: z.string().uuid(),
    from: z.string(),
    to: z.string(),
    granularity: z.enum(["hour", "day", "month"]),
    by: z.enum(["community", "area"]),
    timezone: z.string(),
    currency: z.string().nullable(),
    incentivePerMwh: z.number(),
    rows: z.array(FiguresSchema.extend({ period: z.string(), area: z.string().nullable() })),
    totals: FiguresSchema,
  })
  .openapi("EnergyBalance");

const MemberEnergySchema = z
  .object({
    memberId: z.string().uuid(),
    timezone: z.string(),
    rows: z.array(z.object({ period: z.string(), productionWh: z.number(), fedInWh: z.number(), drawnWh: z.number() })),
  })
  .openapi("MemberEnergy");

const tags = ["energy communities"];
const r = {
  ingest: createRoute({
    method: "post",
    path: "/organizations/{organizationId}/communities/{communityId}/readings",
    tags,
    summary: `Store up to ${MAX_METER_READINGS_PER_BATCH.toLocaleString("en")} 15-minute meter readings, all or nothing; a reading already stored is kept (operators, or a key with readings:write)`,
    security: SESSION_OR_API_KEY_SECURITY,
    [MAX_BODY_BYTES]: 2 * 1024 * 1024,
    request: { params: CommunityParamsSchema, body: jsonBody(MeterReadingBatchSchema) },
    responses: { 200: jsonResponse(IngestResultSchema, "Stored"), ...problemResponses(401, 403, 404, 413, 422) },
  }),
  balance: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/communities/{communityId}/energy-balance",
    tags,
    summary:
      "Production, consumption, fed in, drawn and shared energy per hour, day or month, per area or for the community, with self-consumption, self-sufficiency and the incentive (operators)",
    security: SESSION_SECURITY,
    request: { params: CommunityParamsSchema, query: BalanceQuerySchema },
    responses: { 200: jsonResponse(EnergyBalanceSchema, "The balance"), ...problemResponses(401, 403, 404, 422) },
  }),
  memberEnergy: createRoute({
    method: "get",
    path: "/organizations/{organizationId}/communities/{communityId}/members/{memberId}/energy",
    tags,
    summary: "A member's own production, energy fed in and drawn per period (operators, or the member)",
    security: SESSION_SECURITY,
    request: { params: CommunityMemberParamsSchema, query: PeriodQuerySchema },
    responses: {
      200: jsonResponse(MemberEnergySchema, "The member's energy"),
      ...problemResponses(401, 403, 404, 422),
    },
  }),
};

/** [from, to) as dates, refused when empty or longer than the granularity allows. */
const DEFAULT_SPAN_DAYS: Record<BalanceGranularity, number> = { hour: 1, day: 30, month: 365 };

function getPeriod(query: { from?: string; to?: string; granularity: BalanceGranularity }) {
  const to = query.to ? new Date(query.to) : new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000);
  const from = query.from
    ? new Date(query.from)
    : new Date(to.getTime() - DEFAULT_SPAN_DAYS[query.granularity] * 86_400_000);
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days <= 0) throw new ValidationError("the period is empty", [{ path: "to", message: "must be after from" }]);
  if (days > MAX_SPAN_DAYS[query.granularity]) {
    throw new ValidationError("the period is too long for its granularity", [
      { path: "to", message: `at most ${MAX_SPAN_DAYS[query.granularity]} days by ${query.granularity}` },
    ]);
  }
  return { from, to };
}

export function energyRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  async function getCommunitySettings(organizationId: string, communityId: string) {
    const community = await db.prisma.community.findFirst({
      where: { id: communityId, tenantId: organizationId, deletedAt: null },
    });
    if (!community) throw new NotFoundError("community");
    const settings = readJsonObject(community.settings);
    return {
      timezone: typeof settings.timezone === "string" ? settings.timezone : "UTC",
      currency: typeof settings.currency === "string" ? settings.currency : null,
      incentivePerMwh: typeof settings.incentivePerMwh === "number" ? settings.incentivePerMwh : 0,
    };
  }

  /** A machine with the organization's readings:write key, or an operator of the community. */
  async function checkIngestAccess(c: Context<AppEnv>, organizationId: string, communityId: string) {
    if (c.req.header("authorization") !== undefined) {
      await getTenantActor(c, services, organizationId, { permission: "write", scope: "readings:write" });
      await getCommunitySettings(organizationId, communityId);
      return;
    }
    requireOperator(await getCommunityActor(c, services, organizationId, communityId, "write"));
  }

  app.openapi(r.ingest, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const { readings } = c.req.valid("json");
    await checkIngestAccess(c, organizationId, communityId);
    const result = await ingestMeterReadings(db, { tenantId: organizationId, communityId, readings });
    return c.json(result, 200);
  });

  app.openapi(r.balance, async (c) => {
    const { organizationId, communityId } = c.req.valid("param");
    const query = c.req.valid("query");
    requireOperator(await getCommunityActor(c, services, organizationId, communityId, "read"));
    const { from, to } = getPeriod(query);
    const settings = await getCommunitySettings(organizationId, communityId);
    const balance = await getEnergyBalance(db, {
      communityId,
      from,
      to,
      granularity: query.granularity,
      byArea: query.by === "area",
      area: query.area,
      timezone: settings.timezone,
      incentivePerMwh: settings.incentivePerMwh,
    });
    return c.json(
      {
        communityId,
        from: from.toISOString(),
        to: to.toISOString(),
        granularity: query.granularity,
        by: query.by,
        ...settings,
        ...balance,
      },
      200,
    );
  });

  app.openapi(r.memberEnergy, async (c) => {
    const { organizationId, communityId, memberId } = c.req.valid("param");
    const query = c.req.valid("query");
    const actor = await getCommunityActor(c, services, organizationId, communityId, "read");
    await getCommunityMember(db, actor, memberId);
    const { from, to } = getPeriod(query);
    const { timezone } = await getCommunitySettings(organizationId, communityId);
    const rows = await getMemberEnergy(db, { memberId, from, to, granularity: query.granularity, timezone });
    return c.json({ memberId, timezone, rows }, 200);
  });

  return app;
}
