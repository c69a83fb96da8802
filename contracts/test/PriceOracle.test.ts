import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther } from "viem";
import { deployProtocol, params, Role, stakeAs } from "./helpers/protocol.ts";

describe("PriceOracle", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployPriceOracleFixture() {
    const p = await deployProtocol(connection);
    await stakeAs(p, p.oracle, Role.Oracle, params.minOracleStake);
    return p;
  }

  it("lets a staked oracle post a price", async () => {
    const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
    await viem.assertions.emitWithArgs(
      p.priceOracle.write.postPrice([parseEther("0.5")], { account: p.oracle.account }),
      p.priceOracle,
      "PricePosted",
      [p.oracle.account.address, parseEther("0.5"), (t: bigint) => t > 0n],
    );
    const [price, postedAt, reporter] = await p.priceOracle.read.latestPost();
    assert.equal(price, parseEther("0.5"));
    assert.ok(postedAt > 0n);
    assert.equal(reporter.toLowerCase(), p.oracle.account.address);
  });

  it("reports the price with its age", async () => {
    const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
    await p.priceOracle.write.postPrice([parseEther("0.5")], { account: p.oracle.account });
    await networkHelpers.time.increase(100);
    const [price, age] = await p.priceOracle.read.latestPrice();
    assert.equal(price, parseEther("0.5"));
    assert.equal(age, 100n);
  });

  it("reports a zero price as old as the chain before any post", async () => {
    const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
    const [price, age] = await p.priceOracle.read.latestPrice();
    assert.equal(price, 0n);
    assert.equal(age, BigInt(await networkHelpers.time.latest()));
  });

  it("refuses a poster without the minimum oracle stake", async () => {
    const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
    await stakeAs(p, p.alice, Role.MarketMaker, params.minOracleStake);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p.priceOracle.write.postPrice([1n], { account: p.alice.account }),
      p.priceOracle,
      "PriceOracleInsufficientStake",
      [p.alice.account.address, params.minOracleStake],
    );
  });

  it("refuses a zero price", async () => {
    const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
    await viem.assertions.revertWithCustomError(
      p.priceOracle.write.postPrice([0n], { account: p.oracle.account }),
      p.priceOracle,
      "PriceOracleZeroPrice",
    );
  });
});
