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
