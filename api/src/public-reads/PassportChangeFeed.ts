import { randomUUID } from "node:crypto";
import { Socket } from "node:net";
import pg from "pg";
import type { Logger } from "pino";
import { z } from "zod";

/** The channel migration 011's triggers announce on. */
export const PASSPORT_CHANGES_CHANNEL = "a360_passport_changes";

const Ids = z.array(z.string().uuid());
const MessageSchema = z.union([
  z.object({ passports: Ids }),
  z.object({ models: Ids }),
  z.object({ tenants: Ids }),
  z.object({ barrier: z.string() }),
]);

/** What a committed transaction changed, as far as public passport reads care. */
export type PassportChange = { passports: string[] } | { models: string[] } | { tenants: string[] };

export interface PassportChangeSubscriber {
  onChange(change: PassportChange): void;
  /** The feed lost its connection: changes may have been missed, so forget everything. */
  onGap(): void;
}

const RECONNECT_MS = [100, 500, 2_000, 5_000] as const;

/**
 * Listens to the changes Postgres announces after each commit (PASSPORT_CHANGES_CHANNEL) on a
 * connection of its own and hands them to its subscribers: the caches of public reads in this
 * process. While it is not connected nothing may be cached (`isLive` is false); after a lost
 * connection it reconnects and tells its subscribers to forget what they hold.
 */
export class PassportChangeFeed {
  #client: pg.Client | undefined;
  #live = false;
  #stopped = false;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  readonly #subscribers = new Set<PassportChangeSubscriber>();
  readonly #barriers = new Map<string, () => void>();

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  get isLive(): boolean {
    return this.#live;
  }

  /** Connects and starts listening; resolves once listening or after the first failed attempt. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    this.#goDark();
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  subscribe(subscriber: PassportChangeSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /**
   * Resolves once every change committed before this call has reached the subscribers: Postgres
   * delivers notifications in commit order, so a marker sent now arrives after all of them. A
   * write route awaits this before answering, so its writer reads its own write at once.
   */
  async barrier(): Promise<void> {
    const client = this.#client;
    if (!this.#live || !client) return;
    const marker = randomUUID();
    const seen = new Promise<void>((resolve) => this.#barriers.set(marker, resolve));
    try {
      await client.query("select pg_notify($1, $2)", [PASSPORT_CHANGES_CHANNEL, JSON.stringify({ barrier: marker })]);
    } catch {
      this.#barriers.delete(marker);
      return;
    }
    await seen;
  }

  async #connect(): Promise<void> {
    const socket = new Socket();
    const client = new pg.Client({ connectionString: this.connectionString, stream: () => socket });
    this.#client = client;
    client.on("notification", (message) => this.#receive(message.payload));
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`listen ${PASSPORT_CHANGES_CHANNEL}`);
    } catch (error) {
      this.#lost(client, error as Error);
      return;
    }
    if (this.#client !== client) return;
    // Once listening, the feed alone does not keep a process alive (a test file, a CLI run).
    socket.unref();
    this.#attempt = 0;
    this.#live = true;
    this.logger.debug("listening for passport changes");
  }

  #receive(payload: string | undefined): void {
    let message: z.infer<typeof MessageSchema>;
    try {
      message = MessageSchema.parse(JSON.parse(payload ?? ""));
    } catch {
      this.logger.warn({ payload }, "unreadable passport change message: forgetting every cached public read");
      for (const subscriber of this.#subscribers) subscriber.onGap();
      return;
    }
    if ("barrier" in message) {
      this.#barriers.get(message.barrier)?.();
      this.#barriers.delete(message.barrier);
      return;
    }
    for (const subscriber of this.#subscribers) subscriber.onChange(message);
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#goDark();
    client.removeAllListeners("end");
    client.end().catch(() => undefined);
    if (this.#stopped) return;
    const delay = RECONNECT_MS[Math.min(this.#attempt++, RECONNECT_MS.length - 1)];
    this.logger.warn({ err: error, retryInMs: delay }, "passport change feed lost: public reads are not cached");
    this.#reconnectTimer = setTimeout(() => void this.#connect(), delay);
  }

  #goDark(): void {
    this.#live = false;
    for (const resolve of this.#barriers.values()) resolve();
    this.#barriers.clear();
    for (const subscriber of this.#subscribers) subscriber.onGap();
  }
}
