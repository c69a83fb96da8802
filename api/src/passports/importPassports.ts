import { sql } from "kysely";
import { PassportLifecycleState as LifecycleStates } from "../../generated/prisma/enums.ts";
import { type CsvImportProblem, CsvImportRejectedError } from "../csv/CsvImportProblem.ts";
import { type CsvFile, type CsvSource, csvFileSource } from "../csv/readCsvRows.ts";
import type { Database } from "../database/Database.ts";
import { ConflictError } from "../errors/ApiError.ts";
import { CalendarDateSchema } from "./PassportSchemas.ts";
import { createPublicId, PUBLIC_ID_PATTERN } from "./PublicId.ts";

export const PASSPORT_IMPORT_COLUMNS = ["public_id", "model_code", "serial_number"] as const;
const OPTIONAL_COLUMNS = ["production_date", "lifecycle_state"];

export interface PassportImportResult {
  rows: number;
  created: number;
  unchanged: number;
}

const LIFECYCLE_STATES = new Set<string>(Object.values(LifecycleStates));

/** The good rows of a file, column by column: what the insert sends to Postgres as arrays. */
interface ImportColumns {
  lines: number[];
  publicIds: string[];
  /** False where the file left public_id empty and one was generated. */
  givenPublicIds: boolean[];
  modelIds: string[];
  serialNumbers: string[];
  productionDates: Array<string | null>;
  lifecycleStates: string[];
}

/**
 * Checks a passport file in one pass as it is parsed: each row on its own, and against the rows
 * before it (repeated public ids and serial numbers). Good rows go straight into column arrays;
 * nothing of the file is kept beyond them and the duplicate indexes.
 */
class PassportRowChecker {
  readonly problems: CsvImportProblem[] = [];
  readonly columns: ImportColumns = {
    lines: [],
    publicIds: [],
    givenPublicIds: [],
    modelIds: [],
    serialNumbers: [],
    productionDates: [],
    lifecycleStates: [],
  };
  private index = { publicId: -1, modelCode: -1, serialNumber: -1, productionDate: -1, lifecycleState: -1 };
  private headerOk = false;
  private readonly linesByPublicId = new Map<string, number>();
  private readonly linesBySerial = new Map<string, number>();

  constructor(private readonly modelIds: ReadonlyMap<string, string>) {}

  header(columns: string[]): void {
    const missing = PASSPORT_IMPORT_COLUMNS.filter((column) => !columns.includes(column));
    const unknown = columns.filter(
      (column) =>
        !(PASSPORT_IMPORT_COLUMNS as readonly string[]).includes(column) && !OPTIONAL_COLUMNS.includes(column),
    );
    if (missing.length > 0) this.problems.push({ line: 1, reason: `missing column ${missing.join(", ")}` });
    if (unknown.length > 0) this.problems.push({ line: 1, reason: `unknown column ${unknown.join(", ")}` });
    this.headerOk = this.problems.length === 0;
    this.index = {
      publicId: columns.indexOf("public_id"),
      modelCode: columns.indexOf("model_code"),
      serialNumber: columns.indexOf("serial_number"),
      productionDate: columns.indexOf("production_date"),
      lifecycleState: columns.indexOf("lifecycle_state"),
    };
  }

  row(line: number, values: string[]): void {
    if (!this.headerOk) return;
    const { index } = this;
    const publicId = values[index.publicId] ?? "";
    const modelCode = values[index.modelCode] ?? "";
    const serialNumber = values[index.serialNumber] ?? "";
    const productionDate = (index.productionDate >= 0 && values[index.productionDate]) || null;
    const lifecycleState = (index.lifecycleState >= 0 && values[index.lifecycleState]) || "ORIGINAL";
    const modelId = this.modelIds.get(modelCode);
    const reasons: string[] = [];
    const fail = (reason: string) => {
      reasons.push(reason);
    };
    if (publicId !== "" && !PUBLIC_ID_PATTERN.test(publicId))
      fail(`public_id "${publicId}" is not 8-64 URL-safe characters`);
    if (modelCode === "") fail("model_code is empty");
    else if (!modelId) fail(`model_code "${modelCode}" is not a model of this organization`);
    if (serialNumber === "") fail("serial_number is empty");
    else if (serialNumber.length > 100) fail("serial_number is longer than 100 characters");
    if (productionDate !== null && !CalendarDateSchema.safeParse(productionDate).success) {
      fail(`production_date "${productionDate}" is not a date as YYYY-MM-DD`);
    }
    if (!LIFECYCLE_STATES.has(lifecycleState))
      fail(`lifecycle_state "${lifecycleState}" is not one of ${[...LIFECYCLE_STATES].join(", ")}`);
    if (publicId !== "") {
      const first = this.linesByPublicId.get(publicId);
      if (first !== undefined) fail(`public_id ${publicId} repeats line ${first}`);
      else this.linesByPublicId.set(publicId, line);
    }
    const serialKey = `${modelCode}\u0000${serialNumber}`;
    const firstSerial = this.linesBySerial.get(serialKey);
    if (firstSerial !== undefined) fail(`serial_number ${serialNumber} of ${modelCode} repeats line ${firstSerial}`);
    else this.linesBySerial.set(serialKey, line);

    if (reasons.length > 0 || !modelId) {
      this.problems.push({ line, reason: reasons.join("; ") });
      return;
    }
    if (this.problems.length > 0) return; // the file is refused anyway; only its problems matter now
    const { columns } = this;
    columns.lines.push(line);
    columns.publicIds.push(publicId || createPublicId());
    columns.givenPublicIds.push(publicId !== "");
    columns.modelIds.push(modelId);
    columns.serialNumbers.push(serialNumber);
    columns.productionDates.push(productionDate);
    columns.lifecycleStates.push(lifecycleState);
  }
}

/**
 * One statement, so all or nothing without a transaction: the rows go to Postgres once, as arrays;
 * each is matched against existing passports by (model, serial number) and by public id; the new
 * ones are inserted only when no row contradicts an existing passport; the contradictions come back.
 */
function importRows(db: Database, tenantId: string, columns: ImportColumns, importJobId: string | null) {
  return sql<{ line: number | null; reason: string }>`
  with u as (
    select * from unnest(${columns.lines}::int[], ${columns.publicIds}::text[], ${columns.givenPublicIds}::boolean[],
                         ${columns.modelIds}::uuid[], ${columns.serialNumbers}::text[], ${columns.productionDates}::date[],
                         ${columns.lifecycleStates}::text[])
      as u(line, public_id, given_public_id, model_id, serial_number, production_date, lifecycle_state)
  ),
  matched as materialized (
    select u.*, by_serial.public_id as serial_holder,
           exists (select 1 from app.passport p where p.public_id = u.public_id) as public_id_taken
      from u
      left join app.passport by_serial on by_serial.model_id = u.model_id and by_serial.serial_number = u.serial_number
  ),
  conflicts as (
    select line,
           case when serial_holder is not null
                then 'serial_number ' || serial_number || ' is already registered under another public_id'
                else 'public_id ' || public_id || ' is already in use by another passport' end as reason
      from matched
     where (serial_holder is not null and given_public_id and serial_holder <> public_id)
        or (serial_holder is null and public_id_taken)
  ),
  inserted as (
    insert into app.passport (tenant_id, public_id, model_id, serial_number, production_date, lifecycle_state, updated_at, import_job_id)
    select ${tenantId}::uuid, public_id, model_id, serial_number, production_date, lifecycle_state::app."PassportLifecycleState", now(), ${importJobId}::uuid
      from matched
     where serial_holder is null and not public_id_taken and not exists (select 1 from conflicts)
    returning 1
  )
  select line, reason from conflicts
  union all
  select null, (select count(*) from inserted)::text
  order by 1 nulls last`.execute(db.sql);
}

const UNIQUE_VIOLATION = "23505";

/**
 * Imports passports (`public_id, model_code, serial_number` [, production_date, lifecycle_state])
 * all or nothing. The file is checked row by row while it streams in; then one statement matches
 * the good rows against existing passports and inserts the new ones. A row whose passport already
 * exists with the same public id, model and serial number is left unchanged, so a file imported
 * twice creates no duplicates; a row that contradicts an existing passport is a bad row.
 */
export async function importPassports(
  db: Database,
  tenantId: string,
  source: CsvSource | CsvFile,
  options: { importJobId?: string; onStoring?: () => Promise<void> } = {},
): Promise<PassportImportResult> {
  const models = await db.prisma.batteryModel.findMany({ where: { tenantId }, select: { id: true, modelCode: true } });
  const checker = new PassportRowChecker(new Map(models.map((model) => [model.modelCode, model.id])));
  await (typeof source === "function" ? source : csvFileSource(source))(checker);
  if (checker.problems.length > 0) throw new CsvImportRejectedError(checker.problems);

  const { columns } = checker;
  const rows = columns.lines.length;
  if (rows === 0) return { rows: 0, created: 0, unchanged: 0 };
  await options.onStoring?.();
  let result: { rows: Array<{ line: number | null; reason: string }> };
  try {
    result = await importRows(db, tenantId, columns, options.importJobId ?? null);
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new ConflictError("another import stored some of these passports at the same time; import the file again");
    }
    throw error;
  }
  const conflicts = result.rows.filter((row) => row.line !== null) as CsvImportProblem[];
  if (conflicts.length > 0) throw new CsvImportRejectedError(conflicts);
  const created = Number(result.rows.at(-1)?.reason ?? 0);
  return { rows, created, unchanged: rows - created };
}
