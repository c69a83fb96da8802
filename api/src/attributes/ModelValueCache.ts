import type { PassportChangeFeed } from "../public-reads/PassportChangeFeed.ts";
import type { StoredAttributeValue } from "./AttributeDefinition.ts";

/**
 * A model's attribute values, kept briefly for the anonymous public passport read (the QR scan):
 * every unit of a model shows the same inherited values, so reading them once per model and
 * second spares Postgres most of the rows that read would fetch. Writes through
 * AttributeValueStore forget a model's entry at once in this process; writes from anywhere else
 * (more api instances, a seed run) as soon as their commit's message arrives
 * (forgetModelValuesOnChange), and MODEL_VALUE_TTL_MS bounds an entry's age besides. Signed-in
 * readers never read from here. Model ids are UUIDs, so one map serves every database a process
 * talks to.
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

/** Keeps the cache current with committed changes from any process (migration 011's messages). */
export function forgetModelValuesOnChange(feed: PassportChangeFeed): void {
  feed.subscribe({
    onChange: (change) => {
      if ("models" in change) forgetModelValues(change.models);
      else if ("tenants" in change) entries.clear();
    },
    onGap: () => entries.clear(),
  });
}
