import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import { LRUCache } from "lru-cache";
import type { PassportChange, PassportChangeFeed } from "./PassportChangeFeed.ts";

const gzipAsync = promisify(gzip);

/** Whose data a cached read shows: a change to any of them makes it stale. */
export interface PublicReadScope {
  passportId: string;
  modelId: string;
  tenantId: string;
}

/** A rendered anonymous response: the JSON, gzip-compressed, its entity tag and Cache-Control. */
export interface PublicRead {
  gzip: Buffer;
  etag: string;
  cacheControl: string;
  /** The uncompressed JSON when this response was just rendered; cached reads keep only `gzip`. */
  json?: string;
}

interface Entry {
  read: PublicRead;
  scope: PublicReadScope;
}

/** Taken before reading from the database; a render from a read older than a change to its scope is not kept. */
export type ReadTicket = number;

/** How many recent changes are remembered to judge a ticket; an older ticket is refused. */
const RECENT_CHANGES = 1_024;

/** Heap per kept read besides its bytes (key, entity tag, scope index, LRU slots), measured over 100,000. */
const ENTRY_OVERHEAD_BYTES = 1_400;

/**
 * The anonymous public reads this process has rendered (a QR scan's passport, a verifier's
 * disclosure), kept gzip-compressed in a least-recently-used cache bounded by bytes. Correctness
 * comes from PassportChangeFeed: every committed change to a passport, its model, its
 * organization, its versions or its batches names what it touched, and the entries showing them
 * are dropped; while the feed is down nothing is served from here or kept. A render that read the
 * database before a change it missed is refused by its ticket (the change can arrive between the
 * read and the keep). `ttlMs` bounds any entry's age regardless.
 */
export class PublicReadCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #keysByScope = new Map<string, Set<string>>();
  readonly #recentChanges: Array<{ sequence: number; change: PassportChange }> = [];
  #sequence = 0;
  #lastGap = 0;

  constructor(
    readonly feed: PassportChangeFeed,
    options: { maxBytes: number; ttlMs: number },
  ) {
    this.#entries = new LRUCache<string, Entry>({
      maxSize: Math.max(1, options.maxBytes),
      ttl: options.ttlMs,
      sizeCalculation: (entry, key) => entry.read.gzip.length + key.length + ENTRY_OVERHEAD_BYTES,
      dispose: (entry, key) => this.#unindex(key, entry.scope),
    });
    this.enabled = options.maxBytes > 0;
    feed.subscribe({ onChange: (change) => this.#forget(change), onGap: () => this.#forgetAll() });
  }

  readonly enabled: boolean;

  get size(): number {
    return this.#entries.size;
  }

  /** The cached read of `key`, if it is still current. */
  get(key: string): PublicRead | undefined {
    if (!this.enabled || !this.feed.isLive) return undefined;
    return this.#entries.get(key)?.read;
  }

  ticket(): ReadTicket {
    return this.#sequence;
  }

  /**
   * Compresses a rendered response, and keeps it unless a change to its scope was seen since
   * `ticket` (or the feed is down). The response is returned either way, ready to send.
   */
  async keep(
    key: string,
    ticket: ReadTicket,
    scope: PublicReadScope,
    answer: { json: string; cacheControl: string },
  ): Promise<PublicRead> {
    const { json, cacheControl } = answer;
    // The fastest level: a passport read goes from ≈ 15 KiB to ≈ 2.5 KiB, 10% more than the
    // default level leaves, in 60% of its time. Kept in a buffer of its own size: measured over
    // 100,000 reads, pooled copies (Buffer.from) held twice the bytes.
    const compressed = await gzipAsync(json, { level: constants.Z_BEST_SPEED });
    const gzip = Buffer.allocUnsafeSlow(compressed.length);
    compressed.copy(gzip);
    const etag = `"${createHash("sha1").update(json).digest("base64url")}"`;
    if (this.enabled && this.#isCurrent(ticket, scope)) {
      this.#entries.set(key, { read: { gzip, etag, cacheControl }, scope });
      this.#index(key, scope);
    }
    return { json, gzip, etag, cacheControl };
  }

  #isCurrent(ticket: ReadTicket, scope: PublicReadScope): boolean {
    if (!this.feed.isLive || this.#lastGap > ticket) return false;
    if (this.#sequence - ticket > this.#recentChanges.length) return false;
    for (let index = this.#recentChanges.length - 1; index >= 0; index--) {
      const { sequence, change } = this.#recentChanges[index]!;
      if (sequence <= ticket) break;
      if (touches(change, scope)) return false;
    }
    return true;
  }

  #forget(change: PassportChange): void {
    this.#sequence++;
    this.#recentChanges.push({ sequence: this.#sequence, change });
    if (this.#recentChanges.length > RECENT_CHANGES) this.#recentChanges.shift();
    const ids = "passports" in change ? change.passports : "models" in change ? change.models : change.tenants;
    for (const id of ids) {
      const keys = this.#keysByScope.get(id);
      if (keys) for (const key of [...keys]) this.#entries.delete(key);
    }
  }

  #forgetAll(): void {
    this.#lastGap = ++this.#sequence;
    this.#entries.clear();
  }

  #index(key: string, scope: PublicReadScope): void {
    for (const id of [scope.passportId, scope.modelId, scope.tenantId]) {
      const keys = this.#keysByScope.get(id);
      if (keys) keys.add(key);
      else this.#keysByScope.set(id, new Set([key]));
    }
  }

  #unindex(key: string, scope: PublicReadScope): void {
    for (const id of [scope.passportId, scope.modelId, scope.tenantId]) {
      const keys = this.#keysByScope.get(id);
      keys?.delete(key);
      if (keys?.size === 0) this.#keysByScope.delete(id);
    }
  }
}

function touches(change: PassportChange, scope: PublicReadScope): boolean {
  if ("passports" in change) return change.passports.includes(scope.passportId);
  if ("models" in change) return change.models.includes(scope.modelId);
  return change.tenants.includes(scope.tenantId);
}
