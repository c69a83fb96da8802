import { z } from "@hono/zod-openapi";
import type { ImportJob } from "../../generated/prisma/client.ts";
import { ImportJobStatus, ImportKind } from "../../generated/prisma/enums.ts";

export const ImportKindSchema = z.enum(ImportKind).openapi("ImportKind");

export const ImportJobSchema = z
  .object({
    id: z.string().uuid(),
    kind: ImportKindSchema,
    status: z.enum(ImportJobStatus).openapi("ImportJobStatus", {
      description:
        "QUEUED: waiting for a worker; CHECKING: reading and checking the file; STORING: every row passed, writing; SUCCEEDED; FAILED (nothing stored)",
    }),
    fileName: z.string(),
    totalBytes: z.number().int(),
    processedBytes: z.number().int(),
    processedRows: z.number().int(),
    progressPct: z.number().openapi({ description: "0-100: how far the job is, for a progress bar" }),
    result: z
      .object({
        rows: z.number().int(),
        created: z.number().int(),
        unchanged: z.number().int().optional(),
        updated: z.number().int().optional(),
      })
      .nullable(),
    problems: z
      .array(z.object({ line: z.number().int(), reason: z.string() }))
      .openapi({ description: "The bad lines of a refused file (the header is line 1)" }),
    problemCount: z.number().int().openapi({ description: "Bad lines in all; `problems` holds the first 1,000" }),
    error: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi("ImportJob");

export type ImportJobView = z.infer<typeof ImportJobSchema>;

/** Share of the work done: checking reads the file (up to 90%), storing writes it in one statement. */
function getProgressPct(row: ImportJob): number {
  switch (row.status) {
    case "QUEUED":
      return 0;
    case "CHECKING":
      return row.totalBytes === 0 ? 0 : Math.min(90, Math.round((row.processedBytes / row.totalBytes) * 900) / 10);
    case "STORING":
      return 90;
    default:
      return 100;
  }
}

export function toImportJob(row: ImportJob, options: { withProblems: boolean }): ImportJobView {
  const problems = Array.isArray(row.problems) ? (row.problems as Array<{ line: number; reason: string }>) : [];
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    fileName: row.fileName,
    totalBytes: row.totalBytes,
    processedBytes: row.processedBytes,
    processedRows: row.processedRows,
    progressPct: getProgressPct(row),
    result: (row.result as ImportJobView["result"]) ?? null,
    problems: options.withProblems ? problems : problems.slice(0, 5),
    problemCount: row.problemCount,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
