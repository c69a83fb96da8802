import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, parseEther } from "viem";
import { DAY, deployProtocol, mintAnchoredUnit, params, Role, stable, stakeAs } from "./helpers/protocol.ts";

const HOUR = 60n * 60n;
const PRICE = parseEther("2");

describe("PriceOracle", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  /** The protocol with an oracle of quorum 3 wired in its place: three honest reporters (oracle, provider, other). */
  async function deployPriceOracleFixture() {
    const p = await deployProtocol(connection);
    const oracle = await viem.deployContract("PriceOracle", [
      p.staking.address,
      {
        minOracleStake: params.minOracleStake,
        falsePostSlash: parseEther("100"),
        heartbeat: HOUR,
        maxDeviationBps: 1_000,
        quorum: 3,
      },
    ]);
    await p.staking.write.grantRole([await p.staking.read.SLASHER_ROLE(), oracle.address]);
    const leaseManager = await viem.deployContract("LeaseManager", [
      p.unitToken.address,
      p.devStableToken.address,
      p.ttToken.address,
      oracle.address,
      p.feeRouter.address,
      p.repairRegistry.address,
      p.staking.address,
      {
        leaseFeeBps: params.leaseFeeBps,
        ttHaircutBps: params.ttHaircutBps,
        claimWindow: params.claimWindow,
        maxPriceAge: params.maxPriceAge,
        disputeWindow: params.disputeWindow,
        arbitrationWindow: params.arbitrationWindow,
        minProviderStake: params.minProviderStake,
      },
      0,
      p.admin.account.address,
    ]);
    await p.feeRouter.write.grantRole([await p.feeRouter.read.FEE_COLLECTOR_ROLE(), leaseManager.address]);
    await p.unitToken.write.grantRole([await p.unitToken.read.USER_MANAGER_ROLE(), leaseManager.address]);
    const positions = new Map<string, bigint>();
    for (const wallet of [p.oracle, p.provider, p.other, p.bob]) {
      positions.set(wallet.account.address, await stakeAs(p, wallet, Role.Oracle, params.minOracleStake));
    }
    const positionOf = (wallet: typeof p.alice) => positions.get(wallet.account.address)!;
    return { ...p, oracle: p.oracle, feed: oracle, leases: leaseManager, positionOf };
  }

  type Fixture = Awaited<ReturnType<typeof deployPriceOracleFixture>>;

  async function postHonest(p: Fixture, price = PRICE) {
    for (const wallet of [p.oracle, p.provider, p.other]) {
      await p.feed.write.postPrice([p.positionOf(wallet), price], { account: wallet.account });
    }
  }

  describe("attack: one self-appointed reporter decides collateral adequacy (issue 18, high)", () => {
    it("refuses a lease priced by its own lessee's post", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      // Two honest reporters and the lessee, who posts 1e42 EUR per TT before the others form a quorum.
      await p.feed.write.postPrice([p.positionOf(p.bob), 10n ** 42n], { account: p.bob.account });
      for (const wallet of [p.oracle, p.provider]) {
        await p.feed.write.postPrice([p.positionOf(wallet), PRICE], { account: wallet.account });
      }
      const unit = await mintAnchoredUnit(p, "SN-oracle");
      await p.unitToken.write.approve([p.leases.address, unit.unitId], { account: p.alice.account });
      await p.leases.write.createLeaseOffer([unit.unitId, 1_000_000n, 5, parseEther("50000")], {
        account: p.alice.account,
      });
      await p.ttToken.write.approve([p.leases.address, 1n], { account: p.bob.account });
      await p.devStableToken.write.approve([p.leases.address, stable("100")], { account: p.bob.account });
      // Without the lessee's post there is no quorum: no price at all.
      await viem.assertions.revertWithCustomError(
        p.leases.write.acceptLease([1n, 1, 0n, 1n], { account: p.bob.account }),
        p.leases,
        "LeaseManagerStalePrice",
      );
      // With a third honest reporter the median ignores the lessee: 1 wei of TT is worth nothing.
      await p.feed.write.postPrice([p.positionOf(p.other), PRICE], { account: p.other.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leases.write.acceptLease([1n, 1, 0n, 1n], { account: p.bob.account }),
        p.leases,
        "LeaseManagerInsufficientCollateral",
        [1n, parseEther("50000")],
      );
    });

    it("takes the median, so one reporter cannot move the price", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      await postHonest(p);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feed.write.postPrice([p.positionOf(p.bob), 10n ** 42n], { account: p.bob.account }),
        p.feed,
        "PriceOracleDeviation",
        [10n ** 42n, PRICE, 1_000],
      );
      await p.feed.write.postPrice([p.positionOf(p.bob), parseEther("2.1")], { account: p.bob.account });
      const [price] = await p.feed.read.latestPrice();
      assert.equal(price, PRICE);
      const [, answer, , updatedAt] = await p.feed.read.latestRoundData();
      assert.equal(answer, PRICE);
      assert.ok(updatedAt > 0n);
    });

    it("slashes a reporter whose fresh post is provably false against the others' median", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      await p.feed.write.postPrice([p.positionOf(p.bob), 10n ** 42n], { account: p.bob.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feed.write.reportFalsePost([p.bob.account.address], { account: p.alice.account }),
        p.feed,
        "PriceOracleNotFalse",
        [getAddress(p.bob.account.address), 10n ** 42n, 0n],
      );
      await postHonest(p);
      await viem.assertions.emitWithArgs(
        p.feed.write.reportFalsePost([p.bob.account.address], { account: p.alice.account }),
        p.feed,
        "FalsePostReported",
        [getAddress(p.bob.account.address), p.positionOf(p.bob), 10n ** 42n, PRICE, 1n],
      );
      const slash = await p.staking.read.getSlash([1n]);
      assert.equal(slash.positionId, p.positionOf(p.bob));
      assert.equal(slash.beneficiary, getAddress(p.alice.account.address));
      assert.equal((await p.feed.read.getPost([p.bob.account.address])).price, 0n);
      await networkHelpers.time.increase(params.appealWindow + 1n);
      await p.staking.write.executeSlash([1n]);
      assert.equal(
        (await p.staking.read.getPosition([p.positionOf(p.bob)])).amount,
        params.minOracleStake - parseEther("100"),
      );
    });

    it("refuses reporting an honest post", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      await postHonest(p);
      await p.feed.write.postPrice([p.positionOf(p.bob), parseEther("2.1")], { account: p.bob.account });
      await viem.assertions.revertWithCustomError(
        p.feed.write.reportFalsePost([p.bob.account.address]),
        p.feed,
        "PriceOracleNotFalse",
      );
    });
  });

  describe("feed", () => {
    it("has no price without a quorum of fresh posts", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      await p.feed.write.postPrice([p.positionOf(p.oracle), PRICE], { account: p.oracle.account });
      const [price, age] = await p.feed.read.latestPrice();
      assert.equal(price, 0n);
      assert.equal(age, BigInt(await networkHelpers.time.latest()));
      const [, answer, , updatedAt] = await p.feed.read.latestRoundData();
      assert.equal(answer, 0n);
      assert.equal(updatedAt, 0n);
      await postHonest(p);
      await networkHelpers.time.increase(HOUR + 1n);
      assert.equal((await p.feed.read.latestPrice())[0], 0n);
    });

    it("reports the median with the age of the oldest post it rests on", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      await p.feed.write.postPrice([p.positionOf(p.oracle), parseEther("1.9")], { account: p.oracle.account });
      await networkHelpers.time.increase(100);
      await p.feed.write.postPrice([p.positionOf(p.provider), parseEther("2.0")], { account: p.provider.account });
      await p.feed.write.postPrice([p.positionOf(p.other), parseEther("2.1")], { account: p.other.account });
      await p.feed.write.postPrice([p.positionOf(p.bob), parseEther("2.2")], { account: p.bob.account });
      const [price, age] = await p.feed.read.latestPrice();
      assert.equal(price, parseEther("2.05"));
      assert.ok(age >= 100n);
      const [excluded] = await p.feed.read.latestPriceExcluding([p.bob.account.address, p.oracle.account.address]);
      assert.equal(excluded, 0n); // two left: below the quorum
      const [roundId] = await p.feed.read.latestRoundData();
      assert.equal((await p.feed.read.getRoundData([roundId]))[1], parseEther("2.05"));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feed.read.getRoundData([roundId - 1n]),
        p.feed,
        "PriceOracleNoRoundData",
        [roundId - 1n],
      );
      assert.equal(await p.feed.read.decimals(), 18);
      assert.equal(await p.feed.read.description(), "TT / EUR");
      assert.equal(await p.feed.read.version(), 1n);
      assert.equal((await p.feed.read.reporters()).length, 4);
    });

    it("stops counting a reporter whose stake no longer qualifies", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      await postHonest(p);
      await networkHelpers.time.increase(params.minLockDuration);
      await postHonest(p);
      await p.staking.write.requestWithdrawal([p.positionOf(p.other), parseEther("1")], { account: p.other.account });
      assert.equal((await p.feed.read.latestPrice())[0], 0n);
    });

    it("refuses a poster without a qualifying oracle position, a zero price, and bad parameters", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      const maker = await stakeAs(p, p.alice, Role.MarketMaker, params.minOracleStake);
      for (const position of [maker, p.positionOf(p.bob)]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          p.feed.write.postPrice([position, 1n], { account: p.alice.account }),
          p.feed,
          "PriceOracleInsufficientStake",
          [getAddress(p.alice.account.address), params.minOracleStake],
        );
      }
      await viem.assertions.revertWithCustomError(
        p.feed.write.postPrice([p.positionOf(p.oracle), 0n], { account: p.oracle.account }),
        p.feed,
        "PriceOracleZeroPrice",
      );
      const bad = { minOracleStake: 1n, falsePostSlash: 1n, heartbeat: 1n, maxDeviationBps: 1, quorum: 0 };
      await viem.assertions.revertWithCustomError(
        viem.deployContract("PriceOracle", [p.staking.address, bad]),
        p.feed,
        "PriceOracleInvalidParameters",
      );
    });

    it("counts at most sixteen reporters, a new one replacing a stale one", async () => {
      const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
      await postHonest(p);
      await p.feed.write.postPrice([p.positionOf(p.bob), PRICE], { account: p.bob.account });
      const extra = (await viem.getWalletClients()).slice(8, 20);
      for (const wallet of extra) {
        await p.ttToken.write.transfer([wallet.account.address, params.minOracleStake]);
        const position = await stakeAs(p, wallet, Role.Oracle, params.minOracleStake);
        await p.feed.write.postPrice([position, PRICE], { account: wallet.account });
      }
      assert.equal((await p.feed.read.reporters()).length, 16);
      const late = await stakeAs(p, p.alice, Role.Oracle, params.minOracleStake);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feed.write.postPrice([late, PRICE], { account: p.alice.account }),
        p.feed,
        "PriceOracleTooManyReporters",
        [16n],
      );
      await networkHelpers.time.increase(HOUR + 1n);
      await p.feed.write.postPrice([late, PRICE], { account: p.alice.account });
      assert.ok((await p.feed.read.reporters()).includes(getAddress(p.alice.account.address)));
    });
  });

  it("keeps the latest post for the record", async () => {
    const p = await networkHelpers.loadFixture(deployPriceOracleFixture);
    await viem.assertions.emitWithArgs(
      p.feed.write.postPrice([p.positionOf(p.oracle), parseEther("0.5")], { account: p.oracle.account }),
      p.feed,
      "PricePosted",
      [getAddress(p.oracle.account.address), parseEther("0.5"), (t: bigint) => t > 0n],
    );
    const [price, postedAt, reporter] = await p.feed.read.latestPost();
    assert.equal(price, parseEther("0.5"));
    assert.ok(postedAt > 0n);
    assert.equal(reporter, getAddress(p.oracle.account.address));
    assert.ok(DAY > 0n);
  });
});
