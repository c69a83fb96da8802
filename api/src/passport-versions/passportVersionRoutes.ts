import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantActor, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { PassportParamsSchema } from "../tenancy/TenantParams.ts";

const PassportVersionSchema = z
  .object({
    version: z.number().int(),
    root: z.string(),
    previousRoot: z.string().nullable(),
    createdAt: z.string(),
    anchoring: z.enum(["NOT_ANCHORED", "PREPARED", "ANCHORED", "REVOKED"]).openapi({
      description:
        "NOT_ANCHORED: in no batch; PREPARED: in a batch waiting for its root on chain; ANCHORED / REVOKED: as the chain says",
    }),
    batchId: z.string().uuid().nullable(),
    transactionHash: z.string().nullable(),
    blockNumber: z.string().nullable(),
    anchoredAt: z.string().nullable(),
  })
  .openapi("PassportVersion");

const PassportVersionsSchema = z
  .object({
    items: z.array(PassportVersionSchema),
    changedSinceLatest: z
      .boolean()
      .openapi({ description: "The passport's effective data changed after its latest version (the next one is due)" }),
  })
  .openapi("PassportVersions");

const versionsRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/passports/{passportId}/versions",
  tags: ["passports"],
  summary: "A passport's versions, newest first, each with its anchoring state",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: PassportParamsSchema },
  responses: {
    200: { description: "Versions", content: { "application/json": { schema: PassportVersionsSchema } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

/** Batch statuses in the order that wins when one version sits in several batches. */
const ANCHORING_RANK = { ANCHORED: 3, REVOKED: 2, PREPARED: 1 } as const;

export function passportVersionRoutes(services: AppServices) {
  const { db } = services;
  const app = createRouter<AppEnv>();

  app.openapi(versionsRoute, async (c) => {
    const { organizationId, passportId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const passport = await db.prisma.passport.findFirst({
      where: { id: passportId, tenantId: organizationId },
      select: { id: true },
    });
    if (!passport) throw new NotFoundError("passport");
    const [{ rows }, pending] = await Promise.all([
      sql<{
        version: number;
        root: string;
        previous_root: string | null;
        created_at: Date;
        batch_id: string | null;
        status: keyof typeof ANCHORING_RANK | null;
        transaction_hash: string | null;
        block_number: string | null;
        anchored_at: Date | null;
      }>`
        select v.version, v.root, v.previous_root, v.created_at, b.id as batch_id, b.status::text as status,
               b.transaction_hash, b.block_number::text as block_number, b.anchored_at
          from app.passport_version v
          left join app.passport_batch_entry e on e.version_id = v.id
          left join app.passport_batch b on b.id = e.batch_id and b.status in ('PREPARED', 'ANCHORED', 'REVOKED')
         where v.passport_id = ${passportId}::uuid and v.tenant_id = ${organizationId}::uuid
         order by v.version desc
         limit 200`.execute(db.sql),
      db.prisma.passportVersionPending.findUnique({ where: { passportId }, select: { passportId: true } }),
    ]);
    const byVersion = new Map<number, (typeof rows)[number]>();
    for (const row of rows) {
      const kept = byVersion.get(row.version);
      const rank = (candidate: (typeof rows)[number] | undefined) =>
        candidate?.status ? ANCHORING_RANK[candidate.status] : 0;
      if (!kept || rank(row) > rank(kept)) byVersion.set(row.version, row);
    }
    return c.json(
      {
        items: [...byVersion.values()].map((row) => ({
          version: row.version,
          root: row.root,
          previousRoot: row.previous_root,
          createdAt: row.created_at.toISOString(),
          anchoring: row.status ?? ("NOT_ANCHORED" as const),
          batchId: row.status ? row.batch_id : null,
          transactionHash: row.status === "ANCHORED" || row.status === "REVOKED" ? row.transaction_hash : null,
          blockNumber: row.status === "ANCHORED" || row.status === "REVOKED" ? row.block_number : null,
          anchoredAt: row.anchored_at?.toISOString() ?? null,
        })),
        changedSinceLatest: pending !== null,
      },
      200,
    );
  });

  return app;
}
