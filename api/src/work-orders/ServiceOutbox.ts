import type { CompletionResult } from "./completeWorkOrder.ts";

/** The jobs a completed work order leaves behind. Their rows commit with the completion; this only wakes the workers. */
export interface ServiceOutbox {
  afterCompletion(result: CompletionResult): Promise<void>;
}
