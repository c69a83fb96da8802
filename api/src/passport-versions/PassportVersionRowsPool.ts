import os from "node:os";
import { Piscina } from "piscina";
import type { PassportVersionDraft } from "./buildPassportVersionRows.ts";

/** Past a few workers Postgres, not hashing, bounds a preparation; each worker costs memory and a module load. */
const MAX_WORKERS = 4;
const WORKER_URL = new URL("./passportVersionRowsWorker.ts", import.meta.url);
// The worker is TypeScript and loads with tsx like the rest of the api. A worker inherits the
// parent's execArgv, which holds tsx's loader under `node --import tsx` and the tsx CLI; where it
// does not (vitest), the worker imports tsx itself rather than rely on Node's type stripping.
const WORKER_EXEC_ARGV = process.execArgv.some((arg) => arg.includes("tsx"))
  ? process.execArgv
  : [...process.execArgv, "--import", "tsx"];

/**
 * Worker threads (a Piscina pool) that hash passport versions (buildPassportVersionRows) in
 * parallel: a big batch's trees are most of the CPU its preparation needs, and one thread cannot use
 * the other cores. Workers start on the first call (or start()) and stay until close(); Piscina does
 * not let idle workers keep the process alive. A failing slice fails the call; a closed pool starts
 * afresh on the next call.
 */
export class PassportVersionRowsPool {
  readonly size: number;
  #pool: Piscina<PassportVersionDraft[], string> | undefined;

  constructor(size = Math.min(os.availableParallelism(), MAX_WORKERS)) {
    this.size = Math.max(1, size);
  }

  /**
   * The rows of `drafts` (the JSON array text buildPassportVersionRows returns), built by the
   * workers in slices, in the drafts' order. Rejects with the first error a worker reports.
   */
  async buildRows(drafts: readonly PassportVersionDraft[]): Promise<string> {
    if (drafts.length === 0) return "[]";
    const pool = this.start();
    const sliceLength = Math.ceil(drafts.length / this.size);
    const slices: Promise<string>[] = [];
    for (let start = 0; start < drafts.length; start += sliceLength) {
      slices.push(pool.run(drafts.slice(start, start + sliceLength)));
    }
    const texts = await Promise.all(slices);
    // Each slice is a JSON array; the rows are their elements, concatenated.
    return texts.length === 1 ? (texts[0] ?? "[]") : `[${texts.map((text) => text.slice(1, -1)).join(",")}]`;
  }

  /** Stops every worker; calls still running fail. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.destroy();
  }

  /** Starts the workers now (each loads the passport module first), ahead of the first call. */
  start(): Piscina<PassportVersionDraft[], string> {
    this.#pool ??= new Piscina<PassportVersionDraft[], string>({
      filename: WORKER_URL.href,
      minThreads: this.size,
      maxThreads: this.size,
      execArgv: WORKER_EXEC_ARGV,
    });
    return this.#pool;
  }
}
