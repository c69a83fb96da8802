import type { Prisma } from "../../generated/prisma/client.ts";
import { type Area, AreaSchema, type TopologyNode, TopologyNodeSchema } from "./CommunitySchemas.ts";

/** A stored JSON object column (written through the schemas), or {} if it is somehow not one. */
export function readJsonObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? { ...value } : {};
}

/** The stored areas, as the schema reads them. */
export function readAreas(value: Prisma.JsonValue): Area[] {
  return AreaSchema.array().parse(value);
}

/** The stored topology tree. */
export function readTopology(value: Prisma.JsonValue): TopologyNode[] {
  return TopologyNodeSchema.array().parse(value);
}

/**
 * A stored JSON object with a partial update applied: only the keys the update names change, and a
 * key set to null is removed, so an update never clears what it does not name.
 */
export function mergeJsonObject(stored: unknown, change: Record<string, unknown> | undefined): Record<string, unknown> {
  const merged = readJsonObject(stored);
  for (const [key, value] of Object.entries(change ?? {})) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}
