import { describe, expect, it } from "vitest";
import type { PassportChangeSubscriber } from "../public-reads/PassportChangeFeed.ts";
import { MODEL_VALUE_TTL_MS, ModelValueCache, type ModelValues } from "./ModelValueCache.ts";

function createCache() {
  const subscribers: PassportChangeSubscriber[] = [];
  const feed = {
    isLive: true,
    subscribe: (subscriber: PassportChangeSubscriber) => {
      subscribers.push(subscriber);
      return () => undefined;
    },
  };
  // Not 0: lru-cache reads a start time of 0 as "no TTL".
  const clock = { time: 1_000_000, now: () => clock.time };
  const cache = new ModelValueCache(feed, { clock });
  let loads = 0;
  const load = async (): Promise<ModelValues> => {
    loads++;
    return new Map([[1, { text: `load ${loads}`, numeric: null, json: null }]]);
  };
  const textOf = async (modelId = "m1") => (await cache.get(modelId, load)).get(1)?.text;
  return { cache, feed, clock, subscribers, load, textOf, loadCount: () => loads };
}

describe("ModelValueCache", () => {
  it("loads a model's values once for concurrent readers and serves them until they age past the TTL", async () => {
    const { clock, textOf, loadCount } = createCache();
    expect(await Promise.all([textOf(), textOf(), textOf()])).toEqual(["load 1", "load 1", "load 1"]);
    clock.time += MODEL_VALUE_TTL_MS - 1;
    expect(await textOf()).toBe("load 1");
    clock.time += 2;
    expect(await textOf()).toBe("load 2");
    expect(loadCount()).toBe(2);
  });

  it("drops a model as soon as a change names it, and everything on a tenant change or a gap", async () => {
    const { subscribers, textOf } = createCache();
    await Promise.all([textOf("m1"), textOf("m2")]);
    for (const subscriber of subscribers) subscriber.onChange({ models: ["m1"] });
    expect(await textOf("m1")).toBe("load 3");
    expect(await textOf("m2")).toBe("load 2");
    for (const subscriber of subscribers) subscriber.onChange({ tenants: ["t1"] });
    expect(await textOf("m2")).toBe("load 4");
    for (const subscriber of subscribers) subscriber.onGap();
    expect(await textOf("m2")).toBe("load 5");
  });

  it("keeps nothing while the change feed is down", async () => {
    const { feed, textOf } = createCache();
    feed.isLive = false;
    expect(await textOf()).toBe("load 1");
    expect(await textOf()).toBe("load 2");
  });
});
