import type { PassportLifecycleState } from "../../generated/prisma/enums.ts";
import { PassportLifecycleState as LifecycleStates } from "../../generated/prisma/enums.ts";
import type { Database } from "../database/prisma.ts";
import { type CsvImportProblem, CsvImportRejectedError } from "../imports/CsvImportProblem.ts";
import type { CsvFile } from "../imports/readCsvRows.ts";
import { createPublicId, PUBLIC_ID_PATTERN } from "./PublicId.ts";

export const PASSPORT_IMPORT_COLUMNS = ["public_id", "model_code", "serial_number"] as const;
const OPTIONAL_COLUMNS = ["production_date", "lifecycle_state"];

export interface PassportImportResult {
  rows: number;
  created: number;
  unchanged: number;
}

interface ImportRow {
  line: number;
  publicId: string | null;
  modelId: string;
  serialNumber: string;
  productionDate: string | null;
  lifecycleState: PassportLifecycleState;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LIFECYCLE_STATES = new Set<string>(Object.values(LifecycleStates));

/** Checks every row; returns the rows when all are good, else every problem. */
function checkRows(
  file: CsvFile,
  modelIds: ReadonlyMap<string, string>,
): { rows: ImportRow[]; problems: CsvImportProblem[] } {
  const problems: CsvImportProblem[] = [];
  const missing = PASSPORT_IMPORT_COLUMNS.filter((column) => !file.columns.includes(column));
  const unknown = file.columns.filter(
    (column) => !(PASSPORT_IMPORT_COLUMNS as readonly string[]).includes(column) && !OPTIONAL_COLUMNS.includes(column),
  );
  if (missing.length > 0) problems.push({ line: 1, reason: `missing column ${missing.join(", ")}` });
  if (unknown.length > 0) problems.push({ line: 1, reason: `unknown column ${unknown.join(", ")}` });
  if (problems.length > 0) return { rows: [], problems };

  const rows: ImportRow[] = [];
  const linesByPublicId = new Map<string, number>();
  const linesBySerial = new Map<string, number>();
  for (const { line, values } of file.rows) {
    const publicId = values.public_id ?? "";
    const modelCode = values.model_code ?? "";
    const serialNumber = values.serial_number ?? "";
    const productionDate = values.production_date || null;
    const lifecycleState = values.lifecycle_state || "ORIGINAL";
    const modelId = modelIds.get(modelCode);
    const reasons: string[] = [];
    if (publicId !== "" && !PUBLIC_ID_PATTERN.test(publicId))
      reasons.push(`public_id "${publicId}" is not 8-64 URL-safe characters`);
    if (modelCode === "") reasons.push("model_code is empty");
    else if (!modelId) reasons.push(`model_code "${modelCode}" is not a model of this organization`);
    if (serialNumber === "") reasons.push("serial_number is empty");
    else if (serialNumber.length > 100) reasons.push("serial_number is longer than 100 characters");
    if (productionDate !== null && (!DATE.test(productionDate) || Number.isNaN(Date.parse(productionDate)))) {
      reasons.push(`production_date "${productionDate}" is not a date as YYYY-MM-DD`);
    }
    if (!LIFECYCLE_STATES.has(lifecycleState))
      reasons.push(`lifecycle_state "${lifecycleState}" is not one of ${[...LIFECYCLE_STATES].join(", ")}`);
    if (publicId !== "") {
      const first = linesByPublicId.get(publicId);
      if (first !== undefined) reasons.push(`public_id ${publicId} repeats line ${first}`);
      else linesByPublicId.set(publicId, line);
    }
    const serialKey = `${modelCode}\u0000${serialNumber}`;
    const firstSerial = linesBySerial.get(serialKey);
    if (firstSerial !== undefined)
      reasons.push(`serial_number ${serialNumber} of ${modelCode} repeats line ${firstSerial}`);
    else linesBySerial.set(serialKey, line);

    if (reasons.length > 0 || !modelId) problems.push({ line, reason: reasons.join("; ") });
    else {
      rows.push({
        line,
        publicId: publicId || null,
        modelId,
        serialNumber,
        productionDate,
        lifecycleState: lifecycleState as PassportLifecycleState,
      });
    }
  }
  return { rows, problems };
}

/**
 * Imports passports (`public_id, model_code, serial_number` [, production_date, lifecycle_state])
 * all or nothing, in one transaction. A row whose passport already exists with the same public id,
 * model and serial number is left unchanged, so a file imported twice creates no duplicates; a row
 * that contradicts an existing passport is a bad row.
 */
export async function importPassports(db: Database, tenantId: string, file: CsvFile): Promise<PassportImportResult> {
  const models = await db.batteryModel.findMany({ where: { tenantId }, select: { id: true, modelCode: true } });
  const { rows, problems } = checkRows(file, new Map(models.map((model) => [model.modelCode, model.id])));
  if (problems.length > 0) throw new CsvImportRejectedError(problems);

  return db.$transaction(
    async (tx) => {
      const publicIds = rows.flatMap((row) => (row.publicId ? [row.publicId] : []));
      const byPublicId = new Map(
        (
          await tx.$queryRawUnsafe<
            Array<{ public_id: string; tenant_id: string; model_id: string; serial_number: string }>
          >(
            "select public_id, tenant_id, model_id, serial_number from app.passport where public_id = any($1::text[])",
            publicIds,
          )
        ).map((row) => [row.public_id, row]),
      );
      const bySerial = new Map(
        (
          await tx.$queryRawUnsafe<Array<{ public_id: string; model_id: string; serial_number: string }>>(
            `select p.public_id, p.model_id, p.serial_number
               from app.passport p
               join unnest($1::uuid[], $2::text[]) as u(model_id, serial_number)
                 on p.model_id = u.model_id and p.serial_number = u.serial_number`,
            rows.map((row) => row.modelId),
            rows.map((row) => row.serialNumber),
          )
        ).map((row) => [`${row.model_id}\u0000${row.serial_number}`, row.public_id]),
      );

      const conflicts: CsvImportProblem[] = [];
      const fresh: ImportRow[] = [];
      for (const row of rows) {
        const existingPublicId = bySerial.get(`${row.modelId}\u0000${row.serialNumber}`);
        const holder = row.publicId ? byPublicId.get(row.publicId) : undefined;
        if (existingPublicId !== undefined) {
          if (row.publicId && existingPublicId !== row.publicId) {
            conflicts.push({
              line: row.line,
              reason: `serial_number ${row.serialNumber} is already registered under another public_id`,
            });
          }
          continue;
        }
        if (holder) {
          conflicts.push({ line: row.line, reason: `public_id ${row.publicId} is already in use by another passport` });
          continue;
        }
        fresh.push(row);
      }
      if (conflicts.length > 0) throw new CsvImportRejectedError(conflicts);

      if (fresh.length > 0) {
        await tx.$executeRawUnsafe(
          `insert into app.passport (tenant_id, public_id, model_id, serial_number, production_date, lifecycle_state, updated_at)
           select $1::uuid, u.public_id, u.model_id, u.serial_number, u.production_date, u.lifecycle_state::app."PassportLifecycleState", now()
             from unnest($2::text[], $3::uuid[], $4::text[], $5::date[], $6::text[])
               as u(public_id, model_id, serial_number, production_date, lifecycle_state)`,
          tenantId,
          fresh.map((row) => row.publicId ?? createPublicId()),
          fresh.map((row) => row.modelId),
          fresh.map((row) => row.serialNumber),
          fresh.map((row) => row.productionDate),
          fresh.map((row) => row.lifecycleState),
        );
      }
      return { rows: rows.length, created: fresh.length, unchanged: rows.length - fresh.length };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
