import type { JsonValue } from "@a360/contracts/passport";
import type { BatteryPassSubmodel } from "../attributes/AttributeDefinition.ts";
import type { AttributeValue, EffectiveAttribute } from "../attributes/EffectiveAttribute.ts";
import { isAttributeReadable, type ReaderAccess } from "../attributes/ReaderAccess.ts";
import { BATTERY_PASS_SCHEMAS, BATTERY_PASS_SUBMODELS, type BatteryPassExport } from "./BatteryPassExport.ts";
import { convertBatteryPassValue } from "./convertBatteryPassValue.ts";

type JsonObject = { [property: string]: JsonValue };
const ITEM_SEGMENT = /^\[(\w+)=(\w+)\]$/;
const SCHEMA_NAMES = Object.fromEntries(
  BATTERY_PASS_SUBMODELS.map((submodel) => [
    submodel,
    `${BATTERY_PASS_SCHEMAS[submodel].name}@${BATTERY_PASS_SCHEMAS[submodel].version}`,
  ]),
) as Record<BatteryPassSubmodel, string>;

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// A path's segments, split once per catalogue entry rather than once per passport.
const segmentsByPath = new Map<string, string[]>();
function getSegments(path: string): string[] {
  let segments = segmentsByPath.get(path);
  if (!segments) {
    segments = path.split("/").slice(1);
    segmentsByPath.set(path, segments);
  }
  return segments;
}

/**
 * Puts `value` at `path` (JSON pointer segments; `[name=value]` picks or adds the list item whose
 * `name` is `value`) and returns the object that holds it.
 */
function place(root: JsonObject, path: string, value: JsonValue): JsonObject {
  const segments = getSegments(path);
  let container: JsonObject = root;
  for (let index = 0; index < segments.length - 1; index++) {
    const segment = segments[index]!;
    const next = segments[index + 1]!;
    const item = ITEM_SEGMENT.exec(next);
    if (item) {
      const list = Array.isArray(container[segment]) ? (container[segment] as JsonValue[]) : [];
      container[segment] = list;
      const [, name, wanted] = item;
      let found = list.find((candidate): candidate is JsonObject => isObject(candidate) && candidate[name!] === wanted);
      if (!found) {
        found = { [name!]: wanted! };
        list.push(found);
      }
      container = found;
      index++;
      continue;
    }
    const child = container[segment];
    if (!isObject(child)) container[segment] = {};
    container = container[segment] as JsonObject;
  }
  container[segments[segments.length - 1]!] = value;
  return container;
}

/**
 * A passport in the Battery Pass data model's shape for one reader: every effective value the
 * reader may see, converted to the schema's form, at the place the catalogue gives it. A dynamic
 * value's time becomes the enclosing object's `lastUpdate` (the latest, where several share one).
 */
export function buildBatteryPass(input: {
  publicId: string;
  readerAccess: ReaderAccess;
  attributes: readonly EffectiveAttribute[];
  /** Told each attribute whose value has no faithful form in the schema (left out). */
  onUnconverted?: (key: string) => void;
}): BatteryPassExport {
  const { publicId, readerAccess, attributes } = input;
  const byKey = new Map<string, AttributeValue | null>(
    attributes.map((attribute) => [attribute.definition.key, attribute.value]),
  );
  const findValue = (key: string) => byKey.get(key) ?? null;
  const submodels = Object.fromEntries(BATTERY_PASS_SUBMODELS.map((submodel) => [submodel, {}])) as Record<
    BatteryPassSubmodel,
    JsonObject
  >;
  for (const { definition, value, updatedAt } of attributes) {
    const mapping = definition.batteryPass;
    if (value === null || mapping === null || !("submodel" in mapping)) continue;
    if (!isAttributeReadable(definition.access, readerAccess)) continue;
    const time = updatedAt ?? null;
    const converted = convertBatteryPassValue(mapping.convert, value, { publicId, time, findValue });
    if (converted === undefined) {
      input.onUnconverted?.(definition.key);
      continue;
    }
    const holder = place(submodels[mapping.submodel], mapping.path, converted);
    if (mapping.timed && time !== null) {
      const last = holder.lastUpdate;
      const stamp = time.toISOString();
      if (typeof last !== "string" || last < stamp) holder.lastUpdate = stamp;
    }
  }
  return { passport: { publicId, readerAccess, schemas: SCHEMA_NAMES }, ...submodels };
}
