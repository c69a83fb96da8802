import { createRoute, z } from "@hono/zod-openapi";
import type { ImportKind } from "../../generated/prisma/enums.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { NotFoundError, PayloadTooLargeError, UnavailableError, ValidationError } from "../errors/ApiError.ts";
import { afterCursor, decodeCursor, PageQuerySchema, pageOrder, pageSchema, toPage } from "../http/CursorPage.ts";
import { MAX_BODY_BYTES } from "../http/checkRequest.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { SESSION_OR_API_KEY_SECURITY } from "../http/security.ts";
import { getTenantActor, MODELS_WRITE_ACCESS, PASSPORTS_WRITE_ACCESS, READ_ACCESS } from "../tenancy/getTenantActor.ts";
import { OrganizationParamsSchema } from "../tenancy/TenantParams.ts";
import { ImportJobSchema, toImportJob } from "./ImportJobSchemas.ts";

/** The largest CSV an import job takes: 200,000 passport rows are ≈ 8 MB. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

const ImportJobParamsSchema = OrganizationParamsSchema.extend({ importJobId: z.string().uuid() });

const EXAMPLES = {
  MODELS: "model_code,name,battery_category,reference_code\nVC-36-504,Volta 36V 504Wh,LMT,LMT-RID-36V-504\n",
  PASSPORTS: "public_id,model_code,serial_number\n,VC-48-880,SN-000001\n",
} as const;

function createJobRoute(kind: ImportKind) {
  const noun = kind === "MODELS" ? "models" : "passports";
  return createRoute({
    method: "post",
    path: `/organizations/{organizationId}/${noun}/import-jobs`,
    tags: ["imports"],
    summary: `Upload a CSV of ${noun} to import as a job; answers at once with the job to watch`,
    description: `Columns as for POST /${noun}/import. The job checks every row (all or nothing), then stores them; GET /import-jobs/{importJobId} for its progress, what it created, or each bad line.`,
    security: SESSION_OR_API_KEY_SECURITY,
    [MAX_BODY_BYTES]: IMPORT_MAX_BYTES,
    request: {
      params: OrganizationParamsSchema,
      query: z.object({ fileName: z.string().trim().min(1).max(200).default("upload.csv") }),
      body: {
        content: { "text/csv": { schema: z.string().openapi({ example: EXAMPLES[kind] }) } },
        required: true,
      },
    },
    responses: {
      202: { description: "Queued", content: { "application/json": { schema: ImportJobSchema } } },
      ...problemResponses(401, 403, 413, 415, 422, 503),
    },
  });
}

const listRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/import-jobs",
  tags: ["imports"],
  summary: "The organization's import jobs, newest first (each with its first few bad lines)",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: OrganizationParamsSchema, query: PageQuerySchema },
  responses: {
    200: {
      description: "A page",
      content: { "application/json": { schema: pageSchema(ImportJobSchema, "ImportJobPage") } },
    },
    ...problemResponses(401, 403, 422),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/organizations/{organizationId}/import-jobs/{importJobId}",
  tags: ["imports"],
  summary: "One import job: status, progress, outcome, and every reported bad line",
  security: SESSION_OR_API_KEY_SECURITY,
  request: { params: ImportJobParamsSchema },
  responses: {
    200: { description: "The job", content: { "application/json": { schema: ImportJobSchema } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

/** Reads a request body whole, refusing it past `maxBytes` as it streams in. */
async function readBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) throw new ValidationError("the request has no CSV body");
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  if (size === 0) throw new ValidationError("the CSV file is empty");
  const file = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    file.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return file;
}

export function importJobRoutes(services: AppServices) {
  const { db, outboxes } = services;
  const app = createRouter<AppEnv>();

  for (const kind of ["MODELS", "PASSPORTS"] as const) {
    app.openapi(createJobRoute(kind), async (c) => {
      const { organizationId } = c.req.valid("param");
      const { fileName } = c.req.valid("query");
      const actor = await getTenantActor(
        c,
        services,
        organizationId,
        kind === "MODELS" ? MODELS_WRITE_ACCESS : PASSPORTS_WRITE_ACCESS,
      );
      const file = await readBody(c.req.raw.body, IMPORT_MAX_BYTES);
      const job = await db.prisma.importJob.create({
        data: {
          tenantId: organizationId,
          kind,
          fileName,
          file,
          totalBytes: file.byteLength,
          createdById: actor.via === "session" ? actor.userId : null,
          apiKeyId: actor.via === "apiKey" ? actor.apiKeyId : null,
        },
      });
      try {
        await outboxes.imports.send({ importJobId: job.id });
      } catch (error) {
        await db.prisma.importJob.update({
          where: { id: job.id },
          data: { status: "FAILED", error: "the job queue is unavailable; upload the file again", file: null },
        });
        throw new UnavailableError("the job queue is unavailable; upload the file again", error);
      }
      c.header("location", `/api/v1/organizations/${organizationId}/import-jobs/${job.id}`);
      return c.json(toImportJob(job, { withProblems: false }), 202);
    });
  }

  app.openapi(listRoute, async (c) => {
    const { organizationId } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const rows = await db.prisma.importJob.findMany({
      where: { tenantId: organizationId, ...afterCursor(decodeCursor(cursor)) },
      omit: { file: true },
      orderBy: pageOrder,
      take: limit + 1,
    });
    const page = toPage(rows, limit);
    return c.json(
      {
        items: page.items.map((row) => toImportJob({ ...row, file: null }, { withProblems: false })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const { organizationId, importJobId } = c.req.valid("param");
    await getTenantActor(c, services, organizationId, READ_ACCESS);
    const row = await db.prisma.importJob.findFirst({
      where: { id: importJobId, tenantId: organizationId },
      omit: { file: true },
    });
    if (!row) throw new NotFoundError("import job");
    c.header("cache-control", "no-store");
    return c.json(toImportJob({ ...row, file: null }, { withProblems: true }), 200);
  });

  return app;
}
