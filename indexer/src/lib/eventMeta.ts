import type { Hex } from "viem";

interface LoggedEvent {
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
}

/** The block and transaction columns every log row carries. */
export function eventMeta(event: LoggedEvent) {
  return {
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  };
}
