import { purgeExpiredSignInsJob } from "../auth/purgeExpiredSignIns.ts";
import type { Database } from "../database/prisma.ts";
import type { JobQueue } from "./JobQueue.ts";

/** Every feature's jobs, registered on the queue in one place (the api and `pnpm worker` both call this). */
export function registerJobs(queue: JobQueue, db: Database): void {
  queue.addSchedule(purgeExpiredSignInsJob(db));
}
