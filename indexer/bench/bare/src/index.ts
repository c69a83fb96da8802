import { ponder } from "ponder:registry";
import { eventRow } from "ponder:schema";
import deployments from "@a360/contracts/deployments";

// The same events the indexer handles: every event of every contract except EIP712DomainChanged,
// which no A360 contract emits.
for (const [contract, { abi }] of Object.entries(deployments["31337"])) {
  for (const item of abi) {
    if (item.type !== "event" || item.name === "EIP712DomainChanged") continue;
    // biome-ignore lint/suspicious/noExplicitAny: event names are built at run time from the ABIs.
    ponder.on(`${contract}:${item.name}` as any, async ({ event, context }: any) => {
      await context.db.insert(eventRow).values({
        id: event.id,
        contract: event.log.address,
        name: item.name,
        blockNumber: event.block.number,
        transactionHash: event.transaction.hash,
      });
    });
  }
}
