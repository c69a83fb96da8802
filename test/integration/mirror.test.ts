import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployProtocol, type HardhatChain, startHardhatChain } from "../support/hardhatChain.ts";
import { type IndexerProcess, startIndexer } from "../support/indexerProcess.ts";
import { findMirrorMismatches, MIRROR_TABLES, readMirrorTable } from "../support/mirrorComparison.ts";
import { createMirrorDatabase, type MirrorDatabase } from "../support/mirrorDatabase.ts";
import { ProtocolDriver } from "../support/protocolDriver.ts";
import { runProtocolScenario } from "../support/protocolScenario.ts";

let chain: HardhatChain;
let database: MirrorDatabase;
let indexer: IndexerProcess;
let driver: ProtocolDriver;

beforeAll(async () => {
  database = await createMirrorDatabase("indexer-mirror");
  chain = await startHardhatChain();
  await deployProtocol(chain);
  driver = await ProtocolDriver.create(chain);
  // Indexing live while the scenario runs, as in production.
  indexer = await startIndexer({
    databaseUrl: database.indexerUrl,
    rpcUrl: chain.rpcUrl,
    schema: "mirror",
    viewsSchema: "mirror_views",
    logFile: database.logFile,
  });
  await runProtocolScenario(driver);
  await indexer.waitForBlock(await chain.reader.getBlockNumber());
}, 300_000);

afterAll(async () => {
  await indexer?.stop();
  await chain?.stop();
  await database?.drop();
});

describe("the chain mirror after every contract function has run", () => {
  it("has rows in every table", async () => {
    const empty: string[] = [];
    for (const table of MIRROR_TABLES) {
      if ((await readMirrorTable(database.db, "mirror_views", table)).length === 0) empty.push(table);
    }
    expect(empty).toEqual([]);
  });

  it("equals what the chain's view functions and logs say, table by table", async () => {
    expect(await findMirrorMismatches(driver, database.db, "mirror_views")).toEqual([]);
  });

  it("notices a mirror row that differs from the chain (the comparison is not vacuous)", async () => {
    // A copy, so that Ponder's own tables and triggers stay untouched.
    await database.db.query("create schema tampered");
    for (const table of MIRROR_TABLES) {
      await database.db.query(`create table tampered."${table}" as select * from mirror_views."${table}"`);
    }
    await database.db.query("update tampered.listing set price = price + 1 where id = 1");
    await database.db.query("update tampered.tt_account set balance = balance + 1 where address = $1", [
      driver.accounts[4]!.toLowerCase(),
    ]);
    const mismatches = await findMirrorMismatches(driver, database.db, "tampered");
    expect(mismatches.map((line) => line.split(":")[0])).toEqual([
      `tt_account ${driver.accounts[4]!.toLowerCase()}`,
      "listing 1",
    ]);
  });
});

describe("the indexer's HTTP server", () => {
  it("serves no SQL over HTTP and no GraphQL, only its status", async () => {
    const sql = await fetch(`${indexer.url}/sql/db?sql=${encodeURIComponent('{"sql":"select 1","params":[]}')}`);
    expect(sql.status).toBe(404);
    const graphql = await fetch(`${indexer.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(graphql.status).toBe(404);
    expect((await fetch(`${indexer.url}/ready`)).status).toBe(200);
  });
});
