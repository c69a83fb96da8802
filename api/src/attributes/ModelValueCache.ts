import type { StoredAttributeValue } from "./AttributeDefinition.ts";

/**
 * A model's attribute values, kept briefly for the anonymous public passport read (the QR scan):
 * every unit of a model shows the same inherited values, so reading them once per model and
 * second spares Postgres most of the rows that read would fetch. Writes through
 * AttributeValueStore forget a model's entry at once in this process; other processes (more api
 * instances, a seed run) are at most MODEL_VALUE_TTL_MS behind, well inside the `max-age=60` the
 * public response already allows any cache. Signed-in readers never read from here.
 * Model ids are UUIDs, so one map serves every database a process talks to.
 */
export const MODEL_VALUE_TTL_MS = 2_000;

interface Entry {
  expiresAt: number;
  values: Promise<ReadonlyMap<number, StoredAttributeValue>>;
}

const entries = new Map<string, Entry>();

/** The model's values from the cache, loading them with `load` when absent or expired. */
export function getCachedModelValues(
  modelId: string,
  load: () => Promise<ReadonlyMap<number, StoredAttributeValue>>,
): Promise<ReadonlyMap<number, StoredAttributeValue>> {
  const now = Date.now();
  const cached = entries.get(modelId);
  if (cached && cached.expiresAt > now) return cached.values;
  const entry: Entry = { expiresAt: now + MODEL_VALUE_TTL_MS, values: load() };
  entries.set(modelId, entry);
  entry.values.catch(() => {
    if (entries.get(modelId) === entry) entries.delete(modelId);
  });
  if (entries.size > 10_000) {
    for (const [id, { expiresAt }] of entries) if (expiresAt <= now) entries.delete(id);
  }
  return entry.values;
}

/** Forgets models whose values this process just wrote. */
export function forgetModelValues(modelIds: Iterable<string>): void {
  for (const modelId of modelIds) entries.delete(modelId);
}
