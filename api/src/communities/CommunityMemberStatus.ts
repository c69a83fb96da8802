import type { CommunityMemberStatus } from "../../generated/prisma/enums.ts";
import { ConflictError } from "../errors/ApiError.ts";

/**
 * A member's lifecycle: an operator approves a pending member (ACTIVE), suspends and reinstates
 * an active one, and any member can be made INACTIVE, which is final (a returning participant is
 * a new member with a new key).
 */
export const MEMBER_STATUS_TRANSITIONS: Record<CommunityMemberStatus, readonly CommunityMemberStatus[]> = {
  PENDING: ["ACTIVE", "INACTIVE"],
  ACTIVE: ["SUSPENDED", "INACTIVE"],
  SUSPENDED: ["ACTIVE", "INACTIVE"],
  INACTIVE: [],
};

/** Refuses (409) a status change the lifecycle does not allow. */
export function checkMemberStatusChange(from: CommunityMemberStatus, to: CommunityMemberStatus): void {
  if (!MEMBER_STATUS_TRANSITIONS[from].includes(to)) {
    throw new ConflictError(
      `a ${from} member cannot become ${to}; allowed: ${MEMBER_STATUS_TRANSITIONS[from].join(", ") || "none"}`,
    );
  }
}
