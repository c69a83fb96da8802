import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import { BatteryCategory as BatteryCategories } from "../../generated/prisma/enums.ts";
import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { StoredAttributeValue } from "../attributes/AttributeDefinition.ts";
import { upsertAttributeValues } from "../attributes/AttributeValueStore.ts";
import { checkAttributeWrites } from "../attributes/checkAttributeWrites.ts";
import { type CsvImportProblem, CsvImportRejectedError } from "../csv/CsvImportProblem.ts";
import type { CsvFile } from "../csv/readCsvRows.ts";
import type { Database } from "../database/Database.ts";
import { copyReferenceBaselines } from "./copyReferenceBaselines.ts";

const REQUIRED_COLUMNS = ["model_code", "name", "battery_category"];
const OPTIONAL_COLUMNS = ["reference_code"];
const MODEL_CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/ ]*$/;
const CATEGORIES = new Set<string>(Object.values(BatteryCategories));

export interface ModelImportResult {
  rows: number;
  created: number;
  updated: number;
}

interface ImportRow {
  line: number;
  modelCode: string;
  name: string;
  batteryCategory: BatteryCategory;
  referenceCode: string | null;
  values: Array<{ attributeId: number; stored: StoredAttributeValue }>;
}

/**
 * Imports battery models (`model_code, name, battery_category` [, reference_code] and any catalogue
 * attribute key as a further column, e.g. `mat.chemistry`) all or nothing. A model code already
 * registered is updated, not duplicated; a reference code copies the reference pack's baseline
 * into attributes the model does not have yet; attribute columns overwrite.
 */
export async function importBatteryModels(
  db: Database,
  catalogue: AttributeCatalogue,
  tenantId: string,
  file: CsvFile,
  options: { onStoring?: () => Promise<void> } = {},
): Promise<ModelImportResult> {
  const problems: CsvImportProblem[] = [];
  const missing = REQUIRED_COLUMNS.filter((column) => !file.columns.includes(column));
  if (missing.length > 0) problems.push({ line: 1, reason: `missing column ${missing.join(", ")}` });
  const attributeColumns = file.columns.filter(
    (column) => !REQUIRED_COLUMNS.includes(column) && !OPTIONAL_COLUMNS.includes(column),
  );
  const unknown = attributeColumns.filter((column) => !catalogue.findByKey(column));
  if (unknown.length > 0)
    problems.push({ line: 1, reason: `unknown column ${unknown.join(", ")} (not an attribute key)` });
  if (problems.length > 0) throw new CsvImportRejectedError(problems);

  const references = new Set(
    (await db.prisma.lmtReferenceBattery.findMany({ select: { code: true } })).map((row) => row.code),
  );
  const rows: ImportRow[] = [];
  const linesByCode = new Map<string, number>();
  for (const { line, values } of file.rows) {
    const reasons: string[] = [];
    const modelCode = values.model_code ?? "";
    const name = values.name ?? "";
    const batteryCategory = (values.battery_category ?? "").toUpperCase();
    const referenceCode = values.reference_code || null;
    if (!MODEL_CODE.test(modelCode) || modelCode.length > 100)
      reasons.push(
        `model_code "${modelCode}" is empty or has characters other than letters, digits, space and . _ - /`,
      );
    if (name === "" || name.length > 200) reasons.push("name is empty or longer than 200 characters");
    if (!CATEGORIES.has(batteryCategory))
      reasons.push(`battery_category "${values.battery_category}" is not one of ${[...CATEGORIES].join(", ")}`);
    if (referenceCode && !references.has(referenceCode))
      reasons.push(`reference_code "${referenceCode}" is not in the LMT reference catalogue`);
    const first = linesByCode.get(modelCode);
    if (first !== undefined) reasons.push(`model_code ${modelCode} repeats line ${first}`);
    else linesByCode.set(modelCode, line);
    const inputs = attributeColumns
      .filter((key) => (values[key] ?? "") !== "")
      .map((key) => ({ key, value: values[key] }));
    const checked = checkAttributeWrites(catalogue, "MODEL", inputs, { fromText: true });
    reasons.push(...checked.problems.map((problem) => problem.reason));
    if (reasons.length > 0) problems.push({ line, reason: reasons.join("; ") });
    else {
      rows.push({
        line,
        modelCode,
        name,
        batteryCategory: batteryCategory as BatteryCategory,
        referenceCode,
        values: checked.writes.map((write) => ({ attributeId: write.definition.id, stored: write.stored! })),
      });
    }
  }
  if (problems.length > 0) throw new CsvImportRejectedError(problems);

  await options.onStoring?.();
  return db.prisma.$transaction(
    async (tx) => {
      const saved = await tx.$queryRawUnsafe<
        Array<{ id: string; model_code: string; reference_code: string | null; created: boolean }>
      >(
        `insert into app.battery_model (tenant_id, model_code, name, battery_category, reference_code, updated_at)
         select $1::uuid, u.model_code, u.name, u.battery_category::app."BatteryCategory", u.reference_code, now()
           from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as u(model_code, name, battery_category, reference_code)
         on conflict (tenant_id, model_code) do update
           set name = excluded.name, battery_category = excluded.battery_category,
               reference_code = coalesce(excluded.reference_code, app.battery_model.reference_code), updated_at = now()
         returning id, model_code, reference_code, (xmax = 0) as created`,
        tenantId,
        rows.map((row) => row.modelCode),
        rows.map((row) => row.name),
        rows.map((row) => row.batteryCategory),
        rows.map((row) => row.referenceCode),
      );
      const idsByCode = new Map(saved.map((model) => [model.model_code, model.id]));
      await upsertAttributeValues(
        tx,
        tenantId,
        "MODEL",
        rows.flatMap((row) => row.values.map((value) => ({ holderId: idsByCode.get(row.modelCode)!, ...value }))),
        "replace",
      );
      await copyReferenceBaselines(
        tx,
        catalogue,
        tenantId,
        saved.map((model) => ({ id: model.id, referenceCode: model.reference_code })),
      );
      const created = saved.filter((model) => model.created).length;
      return { rows: rows.length, created, updated: rows.length - created };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
