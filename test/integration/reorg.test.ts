import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployProtocol, type HardhatChain, startHardhatChain } from "../support/hardhatChain.ts";
import { type IndexerProcess, startIndexer } from "../support/indexerProcess.ts";
import { findMirrorMismatches, readMirrorTable } from "../support/mirrorComparison.ts";
import { createMirrorDatabase, type MirrorDatabase } from "../support/mirrorDatabase.ts";
import { ProtocolDriver, protocol, unitIdOfPublicId } from "../support/protocolDriver.ts";

let chain: HardhatChain;
let database: MirrorDatabase;
let indexer: IndexerProcess;
let driver: ProtocolDriver;

const SCHEMA = "reorg";

/** A few blocks of protocol activity that differ per branch. */
async function runBranch(branch: string, transferAmount: bigint): Promise<void> {
  const [admin, maker, staker] = driver.accounts as [`0x${string}`, `0x${string}`, `0x${string}`];
  await driver.write(admin, "TTToken", "transfer", [staker, transferAmount]);
  await driver.write(staker, "TTToken", "approve", [protocol.Staking.address, transferAmount]);
  await driver.write(staker, "Staking", "stake", [branch === "a" ? 0 : 2, transferAmount / 2n, 7 * 24 * 60 * 60]);
  await driver.write(maker, "UnitToken", "mint", [maker, `reorg-${branch}`]);
}

async function unitIds(): Promise<string[]> {
  return (await readMirrorTable(database.db, SCHEMA, "unit")).map((row) => String(row.id));
}

beforeAll(async () => {
  database = await createMirrorDatabase("indexer-reorg");
  chain = await startHardhatChain();
  await deployProtocol(chain);
  driver = await ProtocolDriver.create(chain);
  const [admin, maker] = driver.accounts as [`0x${string}`, `0x${string}`];
  await driver.write(admin, "PassportRegistry", "grantManufacturer", [maker, `0x${"11".repeat(32)}`]);
  indexer = await startIndexer({
    databaseUrl: database.indexerUrl,
    rpcUrl: chain.rpcUrl,
    schema: SCHEMA,
    logFile: database.logFile,
  });
  await indexer.waitForBlock(await chain.reader.getBlockNumber());
}, 300_000);

afterAll(async () => {
  await indexer?.stop();
  await chain?.stop();
  await database?.drop();
});

describe("a reorg below the indexer's head", () => {
  it("replaces the abandoned branch with the new one", async () => {
    const snapshot = await chain.tester.snapshot();
    await runBranch("a", parseEther("3000"));
    await indexer.waitForBlock(await chain.reader.getBlockNumber());
    const abandonedHead = await chain.reader.getBlockNumber();
    expect(await unitIds()).toContain(String(unitIdOfPublicId(`0x${"11".repeat(32)}`, "reorg-a")));

    await chain.tester.revert({ id: snapshot });
    await runBranch("b", parseEther("5000"));
    // A longer branch, one block per call (a counted hardhat_mine leaves zero parent hashes).
    while ((await chain.reader.getBlockNumber()) <= abandonedHead + 2n) await chain.mine();
    await indexer.waitForBlock(await chain.reader.getBlockNumber());

    expect(await unitIds()).toEqual([String(unitIdOfPublicId(`0x${"11".repeat(32)}`, "reorg-b"))]);
  });

  it("then equals what the new chain says, table by table", async () => {
    expect(await findMirrorMismatches(driver, database.db, SCHEMA)).toEqual([]);
  });
});
