import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { AttributeDefinition, StructuredValue } from "./AttributeDefinition.ts";

export type ParsedStructuredValue = { ok: true; value: StructuredValue } | { ok: false; reason: string };

/** A structure larger than this (as JSON) is refused: no catalogue structure comes near it. */
export const MAX_STRUCTURED_VALUE_BYTES = 64 * 1024;
const MAX_REASONS = 5;

// The catalogue's schemas are ours (migration 071), so strict mode holds them to Ajv's rules.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
addFormats.default(ajv, ["uri", "date-time"]);
const compiled = new WeakMap<object, ValidateFunction>();

function getValidator(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function describe(key: string, error: ErrorObject): string {
  const where = `${key}${error.instancePath}`;
  if (error.keyword === "additionalProperties")
    return `${where} has no property ${JSON.stringify(error.params.additionalProperty)}`;
  if (error.keyword === "enum")
    return `${where} must be one of ${(error.params.allowedValues as unknown[]).join(", ")}`;
  return `${where} ${error.message ?? "is not valid"}`;
}

/**
 * Checks a STRUCTURED attribute's value against the JSON Schema its catalogue row holds. `fromText`
 * is set for CSV cells, which carry the structure as JSON text.
 */
export function parseStructuredValue(
  definition: AttributeDefinition,
  value: unknown,
  options: { fromText?: boolean } = {},
): ParsedStructuredValue {
  const { key, valueSchema } = definition;
  if (valueSchema === null) return { ok: false, reason: `${key} is not a structured attribute` };
  let candidate = value;
  if (options.fromText && typeof value === "string") {
    if (value.length > MAX_STRUCTURED_VALUE_BYTES) return { ok: false, reason: `${key} is larger than 64 KiB` };
    try {
      candidate = JSON.parse(value);
    } catch {
      return {
        ok: false,
        reason: `${key} must be JSON (an object or a list), got ${JSON.stringify(value.slice(0, 40))}`,
      };
    }
  }
  if (typeof candidate !== "object" || candidate === null)
    return { ok: false, reason: `${key} must be an object or a list, got ${JSON.stringify(candidate)}` };
  if (JSON.stringify(candidate).length > MAX_STRUCTURED_VALUE_BYTES)
    return { ok: false, reason: `${key} is larger than 64 KiB` };
  const validate = getValidator(valueSchema);
  if (!validate(candidate)) {
    const reasons = (validate.errors ?? []).slice(0, MAX_REASONS).map((error) => describe(key, error));
    return { ok: false, reason: reasons.join("; ") };
  }
  return { ok: true, value: candidate as StructuredValue };
}
