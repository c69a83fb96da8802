import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployProtocol, type HardhatChain, startHardhatChain } from "../support/hardhatChain.ts";
import { startIndexer } from "../support/indexerProcess.ts";
import { createMirrorDatabase, type MirrorDatabase } from "../support/mirrorDatabase.ts";
import { countMirrorRows, readMirrorSnapshot } from "../support/mirrorSnapshot.ts";
import { anchorPassportBatches } from "../support/passportBatches.ts";
import { ProtocolDriver } from "../support/protocolDriver.ts";
import { runProtocolScenario } from "../support/protocolScenario.ts";

let chain: HardhatChain;
let database: MirrorDatabase;
let head: bigint;

beforeAll(async () => {
  database = await createMirrorDatabase("indexer-restart");
  chain = await startHardhatChain();
  await deployProtocol(chain);
  const driver = await ProtocolDriver.create(chain);
  await runProtocolScenario(driver);
  await anchorPassportBatches(driver, { batches: 10, itemsPerBatch: 1000, tag: "restart" });
  // Past Ponder's 30-block finality, so that everything above is historical backfill.
  await chain.mine(40);
  head = await chain.reader.getBlockNumber();
}, 300_000);

afterAll(async () => {
  await chain?.stop();
  await database?.drop();
});

describe("an indexer killed during backfill and started again", () => {
  it("ends with the same rows as a clean run", async () => {
    const options = { databaseUrl: database.indexerUrl, rpcUrl: chain.rpcUrl, logFile: database.logFile };
    const clean = await startIndexer({ ...options, schema: "clean" });
    await clean.waitForBlock(head);
    await clean.stop();

    const first = await startIndexer({ ...options, schema: "restarted" });
    let killedMidBackfill = false;
    while (!killedMidBackfill) {
      const rows = await countMirrorRows(database.db, "restarted", "passport_batch_item");
      if (rows > 0 && !(await first.isReady())) {
        first.process.kill();
        killedMidBackfill = true;
      }
      if (await first.isReady()) break;
    }
    await first.process.exited;
    expect(killedMidBackfill).toBe(true);
    const partial = await countMirrorRows(database.db, "restarted", "passport_batch_item");
    expect(partial).toBeLessThan(10_000);

    const second = await startIndexer({ ...options, schema: "restarted" });
    await second.waitForBlock(head, 180_000);
    await second.stop();

    expect(await readMirrorSnapshot(database.db, "restarted")).toEqual(await readMirrorSnapshot(database.db, "clean"));
  }, 300_000);
});
