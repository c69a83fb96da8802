import type { AttributeDefinition, StoredAttributeValue } from "./AttributeDefinition.ts";
import { parseStructuredValue } from "./parseStructuredValue.ts";

export type ParsedAttributeValue = { ok: true; stored: StoredAttributeValue } | { ok: false; reason: string };

const MAX_LENGTH = { STRING: 500, IDENTIFIER: 200, TEXT: 10_000, URL: 2_000 } as const;
const MAX_MAGNITUDE = 1e15;
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function fail(reason: string): ParsedAttributeValue {
  return { ok: false, reason };
}

/**
 * Checks a value against its catalogue entry and gives the typed form to store. `fromText` is set
 * for CSV cells, where numbers arrive as text; JSON callers must send numbers as numbers.
 */
export function parseAttributeValue(
  definition: AttributeDefinition,
  input: { value: unknown; unit?: string | null },
  options: { fromText?: boolean } = {},
): ParsedAttributeValue {
  const { key, unit, valueType, validation } = definition;
  if (input.unit !== undefined && input.unit !== null && input.unit !== "") {
    if (unit === null) return fail(`${key} has no unit, got "${input.unit}"`);
    if (input.unit !== unit) return fail(`${key} is in ${unit}, got "${input.unit}"`);
  }
  const { value } = input;
  if (value === null || value === undefined || value === "") return fail(`${key} needs a value`);

  if (valueType === "STRUCTURED") {
    const parsed = parseStructuredValue(definition, value, options);
    return parsed.ok ? { ok: true, stored: { text: null, numeric: null, json: parsed.value } } : parsed;
  }

  if (valueType === "DECIMAL" || valueType === "INTEGER") {
    let number: number;
    if (typeof value === "number") number = value;
    else if (options.fromText && typeof value === "string" && NUMBER_TEXT.test(value.trim())) number = Number(value);
    else return fail(`${key} must be a number, got ${JSON.stringify(value)}`);
    if (!Number.isFinite(number)) return fail(`${key} must be a finite number`);
    // Past 2^53 a number is no longer exact; no catalogue quantity comes near it.
    if (Math.abs(number) > MAX_MAGNITUDE) return fail(`${key} must be between -${MAX_MAGNITUDE} and ${MAX_MAGNITUDE}`);
    if (valueType === "INTEGER" && !Number.isInteger(number))
      return fail(`${key} must be a whole number, got ${number}`);
    if (validation.min !== undefined && number < validation.min) {
      return fail(`${key} must be at least ${validation.min}${unit ? ` ${unit}` : ""}, got ${number}`);
    }
    if (validation.max !== undefined && number > validation.max) {
      return fail(`${key} must be at most ${validation.max}${unit ? ` ${unit}` : ""}, got ${number}`);
    }
    return { ok: true, stored: { text: null, numeric: String(number), json: null } };
  }

  if (typeof value !== "string") return fail(`${key} must be text, got ${JSON.stringify(value)}`);
  const text = value.trim();
  if (text === "") return fail(`${key} needs a value`);
  if (valueType === "YEAR_MONTH") {
    if (!YEAR_MONTH.test(text)) return fail(`${key} must be a month as YYYY-MM, got "${text}"`);
    return { ok: true, stored: { text, numeric: null, json: null } };
  }
  const maxLength = MAX_LENGTH[valueType];
  if (text.length > maxLength) return fail(`${key} is longer than ${maxLength} characters`);
  if (valueType === "URL") {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail(`${key} must be a URL (https://...), got "${text}"`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return fail(`${key} must be an http(s) URL`);
  }
  if (validation.allowed && !validation.allowed.includes(text)) {
    return fail(`${key} must be one of ${validation.allowed.join(", ")}, got "${text}"`);
  }
  return { ok: true, stored: { text, numeric: null, json: null } };
}
