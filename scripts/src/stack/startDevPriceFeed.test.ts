import deployments from "@a360/contracts/deployments";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLocalChainClients } from "../localChain.ts";
import { DEV_TT_PRICE_EUR, startDevPriceFeed } from "./startDevPriceFeed.ts";
import { type LocalChain, startLocalChain } from "./startLocalChain.ts";

let chain: LocalChain;
beforeAll(async () => {
  chain = await startLocalChain();
}, 180_000);
afterAll(() => chain?.stop());

it("gives the local chain a TT/EUR price from a quorum of staked reporters, stale a heartbeat after its last post", async () => {
  const { reader, tester } = createLocalChainClients(chain.url);
  const { PriceOracle } = deployments[31337];
  const oracle = { address: PriceOracle.address, abi: PriceOracle.abi };
  const [, before] = await reader.readContract({ ...oracle, functionName: "latestRoundData" });
  expect(before).toBe(0n);

  const feed = await startDevPriceFeed(chain.url);
  try {
    const [, answer] = await reader.readContract({ ...oracle, functionName: "latestRoundData" });
    expect(answer).toBe(DEV_TT_PRICE_EUR);
    expect(await reader.readContract({ ...oracle, functionName: "reporters" })).toHaveLength(3);
  } finally {
    feed.stop();
  }

  // Without the feed's next post, the price goes stale after a heartbeat: the feed is what keeps it.
  const heartbeat = await reader.readContract({ ...oracle, functionName: "heartbeat" });
  await tester.increaseTime({ seconds: Number(heartbeat) + 1 });
  await tester.mine({ blocks: 1 });
  const [, stale] = await reader.readContract({ ...oracle, functionName: "latestRoundData" });
  expect(stale).toBe(0n);
}, 180_000);
