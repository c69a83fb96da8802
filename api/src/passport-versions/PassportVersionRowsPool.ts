import os from "node:os";
import { Worker } from "node:worker_threads";
import type { PassportVersionDraft } from "./buildPassportVersionRows.ts";
import type { PassportVersionRowsResult, PassportVersionRowsTask } from "./passportVersionRowsWorker.ts";

interface PendingTask {
  resolve(rows: string): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  tasks: Map<number, PendingTask>;
}

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
 * Worker threads that hash passport versions (buildPassportVersionRows) in parallel: a big batch's
 * trees are most of the CPU its preparation needs, and one thread cannot use the other cores.
 * Workers start on the first call and stay until close(); idle, they do not keep the process alive.
 * A worker that throws or dies fails the calls it was working for, and is replaced on the next call.
 */
export class PassportVersionRowsPool {
  readonly size: number;
  #workers: PoolWorker[] = [];
  #nextTaskId = 0;

  constructor(size = Math.min(os.availableParallelism(), MAX_WORKERS)) {
    this.size = Math.max(1, size);
  }

  /**
   * The rows of `drafts` (the JSON array text buildPassportVersionRows returns), built by the
   * workers in slices, in the drafts' order. Rejects with the first error a worker reports.
   */
  async buildRows(drafts: readonly PassportVersionDraft[]): Promise<string> {
    if (drafts.length === 0) return "[]";
    this.start();
    const sliceLength = Math.ceil(drafts.length / this.#workers.length);
    const slices: Promise<string>[] = [];
    for (let index = 0; index * sliceLength < drafts.length; index++) {
      const drafted = drafts.slice(index * sliceLength, (index + 1) * sliceLength);
      slices.push(this.#run(this.#workers[index] as PoolWorker, drafted));
    }
    const texts = await Promise.all(slices);
    // Each slice is a JSON array; the rows are their elements, concatenated.
    return texts.length === 1 ? (texts[0] as string) : `[${texts.map((text) => text.slice(1, -1)).join(",")}]`;
  }

  /** Stops every worker; calls still running fail. */
  async close(): Promise<void> {
    const workers = this.#workers;
    this.#workers = [];
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  /** Starts the missing workers now (each loads the passport module first), ahead of the first call. */
  start(): void {
    while (this.#workers.length < this.size) this.#workers.push(this.#startWorker());
  }

  #startWorker(): PoolWorker {
    const poolWorker: PoolWorker = { worker: new Worker(WORKER_URL, { execArgv: WORKER_EXEC_ARGV }), tasks: new Map() };
    const { worker, tasks } = poolWorker;
    worker.on("message", (result: PassportVersionRowsResult) => {
      const task = tasks.get(result.taskId);
      if (!task) return;
      tasks.delete(result.taskId);
      if (tasks.size === 0) worker.unref();
      if ("rows" in result) {
        task.resolve(result.rows);
      } else {
        const error = new Error(result.error.message);
        if (result.error.stack) error.stack = result.error.stack;
        task.reject(error);
      }
    });
    const fail = (error: Error) => {
      this.#workers = this.#workers.filter((other) => other !== poolWorker);
      for (const task of tasks.values()) task.reject(error);
      tasks.clear();
    };
    worker.on("error", (error) =>
      fail(new Error(`passport version worker failed: ${error.message}`, { cause: error })),
    );
    worker.on("exit", (code) => fail(new Error(`passport version worker exited (code ${code})`)));
    // After the listeners: adding a "message" listener refs the worker again.
    worker.unref();
    return poolWorker;
  }

  #run(poolWorker: PoolWorker, drafts: PassportVersionDraft[]): Promise<string> {
    const taskId = this.#nextTaskId++;
    return new Promise<string>((resolve, reject) => {
      poolWorker.tasks.set(taskId, { resolve, reject });
      // A worker with work keeps the process alive until it answers.
      poolWorker.worker.ref();
      poolWorker.worker.postMessage({ taskId, drafts } satisfies PassportVersionRowsTask);
    });
  }
}
