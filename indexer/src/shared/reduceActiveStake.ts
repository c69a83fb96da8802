import type { Context } from "ponder:registry";
import { staker, stakingRoleTotal } from "ponder:schema";
import type { StakeRole } from "../lib/onchainEnums";

/**
 * `amount` TT of `owner`'s position in `role` stops being active (requested out or slashed): the
 * staker's balance and the role's TVL drop, and the position stops counting as open once nothing
 * active is left (`remaining`).
 */
export async function reduceActiveStake(
  context: Context,
  owner: `0x${string}`,
  role: (typeof StakeRole)[number],
  amount: bigint,
  remaining: bigint,
): Promise<void> {
  await context.db.update(staker, { address: owner }).set((row) => ({ staked: row.staked - amount }));
  await context.db.update(stakingRoleTotal, { role }).set((row) => ({
    staked: row.staked - amount,
    openPositions: row.openPositions - (remaining === 0n ? 1 : 0),
  }));
}
