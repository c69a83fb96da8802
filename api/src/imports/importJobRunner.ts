import type { Logger } from "pino";
import type { Database } from "../database/Database.ts";
import type { OutboxJob } from "../jobs/JobQueue.ts";
import { runImportJob } from "./runImportJob.ts";

export interface ImportJobMessage {
  importJobId: string;
}

/** The queue's import worker: one uploaded CSV per job, woken at once when a file arrives. */
export function importJobRunner(db: Database, logger: Logger): OutboxJob<ImportJobMessage> {
  return {
    name: "imports.run",
    run: ({ importJobId }) => runImportJob(db, importJobId, logger),
    // A job runs all or nothing and records its own failure; a retry only helps when the worker died.
    retryLimit: 1,
    wakeWorkers: true,
  };
}
