import type { Context } from "ponder:registry";
import { parameterChange, protocolParameter } from "ponder:schema";
import type { Hex } from "viem";

interface ParameterEvent {
  id: string;
  log: { address: Hex };
  block: { number: bigint; timestamp: bigint };
}

/** Stores an admin parameter change (fee, share, treasury) as its current value plus a history row. */
export async function recordParameterChange(
  context: Context,
  event: ParameterEvent,
  name: string,
  previousValue: bigint | Hex,
  newValue: bigint | Hex,
): Promise<void> {
  const contract = event.log.address;
  const value = String(newValue);
  await context.db
    .insert(protocolParameter)
    .values({ contract, name, value, updatedAtBlock: event.block.number })
    .onConflictDoUpdate({ value, updatedAtBlock: event.block.number });
  await context.db.insert(parameterChange).values({
    id: event.id,
    contract,
    name,
    previousValue: String(previousValue),
    newValue: value,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
}
