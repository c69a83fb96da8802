import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_SECURITY } from "../http/security.ts";
import { getUnitAccess } from "../owners/UnitAccess.ts";

const ServiceHistoryItemSchema = z
  .object({
    serviceRecordId: z.string().uuid(),
    completedAt: z.string().datetime({ offset: true }),
    centre: z.object({ organizationId: z.string().uuid(), name: z.string() }),
    decision: z.string(),
    summary: z.string().nullable(),
    work: z.array(z.string()).openapi({ description: "Labour done, then parts used with their quantities" }),
    formHash: z.string().openapi({ description: "keccak256 of the record: RepairRegistry's form hash" }),
    onChain: z
      .object({ chainId: z.number().int(), repairId: z.string(), transactionHash: z.string() })
      .nullable()
      .openapi({ description: "The repair on chain, once it landed" }),
  })
  .openapi("ServiceHistoryItem");

const ServiceHistorySchema = z
  .object({ publicId: z.string(), items: z.array(ServiceHistoryItemSchema) })
  .openapi("ServiceHistory");

const r = {
  history: createRoute({
    method: "get",
    path: "/passports/{publicId}/service-history",
    tags: ["service records"],
    summary:
      "A unit's service history for the readers allowed to see it: its owner, a grantee with VIEW_RECORDS, a centre the owner linked it to",
    description:
      "Completed work orders of the unit, oldest first, without prices, each with its form hash and its repair on chain. Anyone else gets 404, as for an unknown unit.",
    security: SESSION_SECURITY,
    request: { params: z.object({ publicId: z.string().min(1).max(64) }) },
    responses: { 200: jsonResponse(ServiceHistorySchema, "Service history"), ...problemResponses(401, 404) },
  }),
};

interface RecordDocument {
  centre: { organizationId: string; name: string };
  decision: string;
  summary: string | null;
  labour: Array<{ description: string }>;
  parts: Array<{ name: string; quantity: number; unit: string }>;
}

/** The service history a passport page shows to the readers allowed to see it (api side of /p/{publicId}). */
export function serviceHistoryRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(r.history, async (c) => {
    const { publicId } = c.req.valid("param");
    const passport = await db.sql
      .selectFrom("passport")
      .select("id")
      .where("public_id", "=", publicId)
      .executeTakeFirst();
    if (!passport) throw new NotFoundError("unit");
    await assertMayReadHistory(c, services, passport.id);
    const rows = await db.sql
      .selectFrom("service_record as s")
      .leftJoin("repair_anchor as a", (join) =>
        join.onRef("a.service_record_id", "=", "s.id").on("a.status", "=", "ANCHORED"),
      )
      .select([
        "s.id",
        "s.completed_at",
        "s.form_hash",
        "s.document",
        "a.chain_id",
        "a.repair_id",
        "a.transaction_hash",
      ])
      .where("s.passport_id", "=", passport.id)
      .orderBy("s.completed_at", "asc")
      .execute();
    return c.json(
      {
        publicId,
        items: rows.map((row) => {
          const document = row.document as RecordDocument;
          return {
            serviceRecordId: row.id,
            completedAt: row.completed_at.toISOString(),
            centre: document.centre,
            decision: document.decision,
            summary: document.summary,
            work: [
              ...document.labour.map((line) => line.description),
              ...document.parts.map((line) => `${line.name} × ${line.quantity} ${line.unit}`),
            ],
            formHash: row.form_hash,
            onChain:
              row.chain_id !== null && row.repair_id !== null && row.transaction_hash !== null
                ? { chainId: row.chain_id, repairId: row.repair_id, transactionHash: row.transaction_hash }
                : null,
          };
        }),
      },
      200,
    );
  });
  return app;
}

/** The unit's owner or a grantee with VIEW_RECORDS, else a member of a centre with an active link to it; 404 otherwise. */
async function assertMayReadHistory(c: Context<AppEnv>, services: AppServices, passportId: string): Promise<void> {
  const session = getSession(c);
  const linked = await services.db.sql
    .selectFrom("service_link as l")
    .innerJoin("membership as m", "m.organization_id", "l.service_org_id")
    .select("l.id")
    .where("l.passport_id", "=", passportId)
    .where("l.status", "=", "ACTIVE")
    .where("m.user_id", "=", session.userId)
    .limit(1)
    .executeTakeFirst();
  if (linked) return;
  await getUnitAccess(c, services, passportId, "VIEW_RECORDS");
}
