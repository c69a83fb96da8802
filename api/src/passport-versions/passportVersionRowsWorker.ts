/**
 * Worker thread of PassportVersionRowsPool: builds the rows of the drafts it is sent with
 * buildPassportVersionRows (the shared passport module hashes them) and sends back their JSON text,
 * or the error that stopped it.
 */
import { parentPort } from "node:worker_threads";
import { useWasmKeccak } from "@a360/contracts/passport";
import { buildPassportVersionRows, type PassportVersionDraft } from "./buildPassportVersionRows.ts";

/** What the pool sends: one slice of drafts. */
export interface PassportVersionRowsTask {
  taskId: number;
  drafts: PassportVersionDraft[];
}

/** What the worker answers: the slice's rows, or why there are none. */
export type PassportVersionRowsResult =
  | { taskId: number; rows: string }
  | { taskId: number; error: { message: string; stack?: string } };

if (!parentPort) throw new Error("passportVersionRowsWorker.ts runs as a worker thread");
const port = parentPort;
await useWasmKeccak();

port.on("message", (task: PassportVersionRowsTask) => {
  let result: PassportVersionRowsResult;
  try {
    result = { taskId: task.taskId, rows: buildPassportVersionRows(task.drafts) };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    result = { taskId: task.taskId, error: { message, stack } };
  }
  port.postMessage(result);
});
