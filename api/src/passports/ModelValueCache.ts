import { LRUCache } from "lru-cache";
import type { StoredAttributeValue } from "../attributes/AttributeDefinition.ts";
import type { PassportChangeFeed } from "../public-reads/PassportChangeFeed.ts";

/** How long a model's values may be served without a change announcing itself. */
export const MODEL_VALUE_TTL_MS = 2_000;

export type ModelValues = ReadonlyMap<number, StoredAttributeValue>;

/**
 * A model's attribute values, kept briefly for the anonymous public passport read (the QR scan):
 * every unit of a model shows the same inherited values, so reading them once per model and
 * second spares Postgres most of the rows that read would fetch. Owned by the app (one per
 * process, in AppServices). A committed change to a model's values (from this process or any
 * other) drops its entry as soon as its announcement arrives through the change feed, and a write
 * through the api waits for that before it answers (awaitOwnChanges); `ttlMs` bounds an entry's
 * age besides. While the feed is down nothing is kept. Signed-in readers never read from here.
 * Concurrent reads of one model share one load (lru-cache's fetch).
 */
export class ModelValueCache {
  readonly #entries: LRUCache<string, ModelValues, () => Promise<ModelValues>>;

  constructor(
    private readonly feed: Pick<PassportChangeFeed, "isLive" | "subscribe">,
    options: { ttlMs?: number; max?: number; clock?: { now(): number } } = {},
  ) {
    this.#entries = new LRUCache({
      max: options.max ?? 10_000,
      ttl: options.ttlMs ?? MODEL_VALUE_TTL_MS,
      // An injected clock is read on every check (by default lru-cache reuses a reading for 1 ms).
      ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : {}),
      fetchMethod: (_modelId, _stale, { context: load }) => load(),
    });
    feed.subscribe({
      onChange: (change) => {
        if ("models" in change) for (const modelId of change.models) this.#entries.delete(modelId);
        else if ("tenants" in change) this.#entries.clear();
      },
      onGap: () => this.#entries.clear(),
    });
  }

  /** The model's values, from the cache while current, else from `load`. */
  async get(modelId: string, load: () => Promise<ModelValues>): Promise<ModelValues> {
    if (!this.feed.isLive) return load();
    const values = await this.#entries.fetch(modelId, { context: load });
    return values ?? load();
  }
}
