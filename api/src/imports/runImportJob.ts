import { Readable } from "node:stream";
import type { Logger } from "pino";
import type { ImportJobStatus } from "../../generated/prisma/enums.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { CsvImportProblem } from "../csv/CsvImportProblem.ts";
import { collectCsvRows, csvStreamSource } from "../csv/readCsvRows.ts";
import type { Database } from "../database/Database.ts";
import { ApiError } from "../errors/ApiError.ts";
import { importBatteryModels } from "../models/importBatteryModels.ts";
import { importPassports } from "../passports/importPassports.ts";

export const MAX_IMPORT_ROWS = { MODELS: 10_000, PASSPORTS: 200_000 } as const;
/** Bad lines kept on a failed job; the count says how many there were in all. */
export const MAX_REPORTED_PROBLEMS = 1_000;
/** How often a running job writes its progress. */
const PROGRESS_INTERVAL_MS = 200;

/** The stored file in slices, so the parser reports progress as it goes rather than once at the end. */
function* chunksOf(file: Uint8Array, size = 64 * 1024): Generator<Buffer> {
  for (let offset = 0; offset < file.byteLength; offset += size) {
    yield Buffer.from(file.buffer, file.byteOffset + offset, Math.min(size, file.byteLength - offset));
  }
}

/**
 * Runs one queued import: reads the stored file, checks it row by row while recording how far it
 * got, stores it all or nothing, and records the outcome (what was created, or every bad line).
 * A job that already finished is left alone, so a job delivered twice runs once.
 */
export async function runImportJob(db: Database, importJobId: string, logger: Logger): Promise<void> {
  const job = await db.prisma.importJob.findUnique({ where: { id: importJobId } });
  if (!job || job.status === "SUCCEEDED" || job.status === "FAILED" || !job.file) return;
  const setStatus = (status: ImportJobStatus) =>
    db.prisma.importJob.update({ where: { id: job.id }, data: { status } });
  await db.prisma.importJob.update({
    where: { id: job.id },
    data: { status: "CHECKING", startedAt: new Date(), processedBytes: 0, processedRows: 0 },
  });

  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const onProgress = ({ bytes, rows }: { bytes: number; rows: number }) => {
    const now = Date.now();
    if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
    lastWrite = now;
    // One write in flight at a time; a later one carries the newer figures.
    pending = pending.then(() =>
      db.prisma.importJob.update({ where: { id: job.id }, data: { processedBytes: bytes, processedRows: rows } }),
    );
  };
  const source = csvStreamSource(Readable.from(chunksOf(job.file)), MAX_IMPORT_ROWS[job.kind], onProgress);
  const onStoring = async () => {
    await pending;
    await setStatus("STORING");
  };

  try {
    const result =
      job.kind === "PASSPORTS"
        ? await importPassports(db, job.tenantId, source, { importJobId: job.id, onStoring })
        : await importBatteryModels(db, await getAttributeCatalogue(db), job.tenantId, await collectCsvRows(source), {
            onStoring,
          });
    await pending;
    await db.prisma.importJob.update({
      where: { id: job.id },
      data: {
        status: "SUCCEEDED",
        result: { ...result },
        processedBytes: job.totalBytes,
        processedRows: result.rows,
        finishedAt: new Date(),
        file: null,
      },
    });
  } catch (error) {
    await pending.catch(() => undefined);
    if (!(error instanceof ApiError) || error.status >= 500) {
      logger.error({ err: error, importJobId: job.id }, "import job failed");
    }
    const problems =
      error instanceof ApiError && Array.isArray(error.details) ? (error.details as CsvImportProblem[]) : [];
    await db.prisma.importJob.update({
      where: { id: job.id },
      data: {
        status: "FAILED",
        problems: problems.slice(0, MAX_REPORTED_PROBLEMS).map(({ line, reason }) => ({ line, reason })),
        problemCount: problems.length,
        error: error instanceof ApiError ? error.message : "the import failed unexpectedly; nothing was stored",
        finishedAt: new Date(),
        file: null,
      },
    });
  }
}
