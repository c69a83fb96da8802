import type { WorkOrderStatus } from "../../generated/prisma/enums.ts";
import { ConflictError } from "../errors/ApiError.ts";

/** Moves a work order may make by hand; COMPLETED is reached only through completion. */
const NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  REQUESTED: ["ACCEPTED", "CANCELLED"],
  ACCEPTED: ["IN_PROGRESS", "CANCELLED"],
  IN_PROGRESS: ["AWAITING_PARTS", "CANCELLED"],
  AWAITING_PARTS: ["IN_PROGRESS", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

export const EDITABLE_STATUSES: readonly WorkOrderStatus[] = ["REQUESTED", "ACCEPTED", "IN_PROGRESS", "AWAITING_PARTS"];
export const COMPLETABLE_STATUSES: readonly WorkOrderStatus[] = ["IN_PROGRESS"];

export function assertStatusMove(from: WorkOrderStatus, to: WorkOrderStatus): void {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from].length ? NEXT[from].join(", ") : "nothing";
    throw new ConflictError(`a ${from} work order cannot become ${to} (it may become ${allowed})`);
  }
}
