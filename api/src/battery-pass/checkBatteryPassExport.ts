import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import type { AttributeDefinition, BatteryPassSubmodel } from "../attributes/AttributeDefinition.ts";
import { isAttributeReadable, type ReaderAccess } from "../attributes/ReaderAccess.ts";
import { BATTERY_PASS_SCHEMAS, BATTERY_PASS_SUBMODELS, type BatteryPassExport } from "./BatteryPassExport.ts";

/** Where the official schemas are: `../shared/data/batterypass` beside the project, or BATTERY_PASS_DATA_DIR. */
export function getBatteryPassDataDir(): string {
  return (
    process.env.BATTERY_PASS_DATA_DIR ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/data/batterypass")
  );
}

// The published GeneralProductInformation e-mail pattern (`^[w.-]+@…`) lost its backslashes and
// refuses real addresses; Circularity's upstream fix is used for it (see the data's README).
const BROKEN_EMAIL_PATTERN = "^[w.-]+@[w.-]+.[A-Za-z]{2,}$";
const FIXED_EMAIL_PATTERN = "^[\\w.-]+@[\\w.-]+\\.[A-Za-z]{2,}$";

/** Validators of the seven official schemas (draft-04), compiled once. */
export function loadOfficialValidators(
  dataDir = getBatteryPassDataDir(),
): Record<BatteryPassSubmodel, ValidateFunction> {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return Object.fromEntries(
    BATTERY_PASS_SUBMODELS.map((submodel) => {
      const { name, version } = BATTERY_PASS_SCHEMAS[submodel];
      const text = readFileSync(path.join(dataDir, "schemas", version, `${name}-schema.json`), "utf8");
      const schema = JSON.parse(text, (key, value) =>
        key === "pattern" && value === BROKEN_EMAIL_PATTERN ? FIXED_EMAIL_PATTERN : value,
      );
      return [submodel, ajv.compile(schema)];
    }),
  ) as Record<BatteryPassSubmodel, ValidateFunction>;
}

export interface CheckContext {
  readerAccess: ReaderAccess;
  batteryCategory: BatteryCategory;
  /** Keys the passport has a value for. */
  valuedKeys: ReadonlySet<string>;
  /** Keys whose value the export left out because it has no form in the schema (e.g. text where a URI is wanted). */
  unconvertedKeys: ReadonlySet<string>;
  allowIncomplete: boolean;
}

export interface ExportProblem {
  submodel: BatteryPassSubmodel;
  pointer: string;
  message: string;
}

export interface ExportCheck {
  errors: ExportProblem[];
  /** Required properties the export may leave out for this reader and battery, with the reason. */
  excused: ExportProblem[];
}

/** `[name=value]` list items and list indexes compare equal. */
function normalise(pointer: string): string {
  return pointer.replace(/\/(\[\w+=\w+\]|\d+)(?=\/|$)/g, "/*");
}

/**
 * Checks an export against the official schemas. The schemas require every property of a full EV
 * passport; a missing required property is excused, and listed, when no catalogue attribute feeds
 * it, when this reader may not see the attributes that do, when none of them is mandatory for the
 * battery's category, when their values have no form in the schema (reported apart), or (with
 * `allowIncomplete`) when the passport has no value for them yet.
 * Every other schema error is an error.
 */
export function checkBatteryPassExport(
  validators: Record<BatteryPassSubmodel, ValidateFunction>,
  definitions: readonly AttributeDefinition[],
  exported: BatteryPassExport,
  context: CheckContext,
): ExportCheck {
  const errors: ExportProblem[] = [];
  const excused: ExportProblem[] = [];
  for (const submodel of BATTERY_PASS_SUBMODELS) {
    const validate = validators[submodel];
    if (validate(exported[submodel])) continue;
    for (const error of validate.errors ?? []) {
      const problem = { submodel, pointer: error.instancePath, message: error.message ?? error.keyword };
      const excuse = error.keyword === "required" ? findExcuse(submodel, error, definitions, context) : undefined;
      if (excuse)
        excused.push({ ...problem, pointer: `${error.instancePath}/${error.params.missingProperty}`, message: excuse });
      else if (!isAllOfEcho(error)) errors.push(problem);
    }
  }
  return { errors, excused };
}

/** Ajv repeats a failure inside `allOf` as a failure of the `allOf` itself; the inner one carries the detail. */
function isAllOfEcho(error: ErrorObject): boolean {
  return error.keyword === "allOf";
}

function findExcuse(
  submodel: BatteryPassSubmodel,
  error: ErrorObject,
  definitions: readonly AttributeDefinition[],
  context: CheckContext,
): string | undefined {
  const pointer = normalise(`${error.instancePath}/${error.params.missingProperty}`);
  const feeding = definitions.filter((definition) => {
    const mapping = definition.batteryPass;
    if (!mapping || !("submodel" in mapping) || mapping.submodel !== submodel) return false;
    const target = normalise(mapping.path);
    return target === pointer || target.startsWith(`${pointer}/`);
  });
  if (feeding.length === 0) return "no catalogue attribute feeds it";
  const readable = feeding.filter((definition) => isAttributeReadable(definition.access, context.readerAccess));
  if (readable.length === 0) return `withheld from a ${context.readerAccess} reader`;
  const mandatory = readable.filter((definition) => definition.mandatoryFor.includes(context.batteryCategory));
  if (mandatory.length === 0) return `not mandatory for ${context.batteryCategory} batteries`;
  if (mandatory.every((definition) => context.unconvertedKeys.has(definition.key)))
    return `value has no form in the schema (${mandatory.map((definition) => definition.key).join(", ")})`;
  if (context.allowIncomplete && mandatory.every((definition) => !context.valuedKeys.has(definition.key)))
    return `no value yet (${mandatory.map((definition) => definition.key).join(", ")})`;
  return undefined;
}
