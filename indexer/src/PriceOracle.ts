import { ponder } from "ponder:registry";
import { oraclePrice, pricePost } from "ponder:schema";

ponder.on("PriceOracle:PricePosted", async ({ event, context }) => {
  const { reporter, price, postedAt } = event.args;
  const oracle = event.log.address;
  await context.db
    .insert(pricePost)
    .values({ id: event.id, oracle, reporter, price, postedAt, blockNumber: event.block.number });
  await context.db
    .insert(oraclePrice)
    .values({ oracle, price, postedAt, reporter })
    .onConflictDoUpdate({ price, postedAt, reporter });
});
