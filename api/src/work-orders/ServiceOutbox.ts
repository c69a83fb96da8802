import type { Notified } from "../notifications/notify.ts";
import type { CompletionResult } from "./completeWorkOrder.ts";

/** The jobs a committed change leaves behind. Their rows commit with the change; this only wakes the workers (a sweep finds what it misses). */
export interface ServiceOutbox {
  afterCompletion(result: CompletionResult): Promise<void>;
  afterNotify(notified: Notified): Promise<void>;
}
