import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, parseEther, toHex } from "viem";
import { deployProtocol, FeeKind, params, ZERO_ADDRESS, ZERO_HASH } from "./helpers/protocol.ts";

const FEE_COLLECTOR_ROLE = keccak256(toHex("FEE_COLLECTOR_ROLE"));

describe("FeeRouter", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployFeeRouterFixture() {
    const p = await deployProtocol(connection);
    // A test collector, so fees can be recorded directly.
    await p.feeRouter.write.grantRole([FEE_COLLECTOR_ROLE, p.other.account.address]);
    return p;
  }

  describe("recordFee", () => {
    it("emits one FeeEvent with kind, payer, token, amount and ref", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      const as = { account: p.other.account };
      await p.ttToken.write.transfer([p.feeRouter.address, parseEther("10")], as);
      const ref = keccak256(toHex("ref"));
      await viem.assertions.emitWithArgs(
        p.feeRouter.write.recordFee(
          [FeeKind.Sale, p.alice.account.address, p.ttToken.address, parseEther("10"), ref],
          as,
        ),
        p.feeRouter,
        "FeeEvent",
        [FeeKind.Sale, p.alice.account.address, p.ttToken.address, parseEther("10"), ref],
      );
    });

    it("splits TT fees between stakers and treasury", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      const as = { account: p.other.account };
      await p.ttToken.write.transfer([p.feeRouter.address, parseEther("10")], as);
      await p.feeRouter.write.recordFee(
        [FeeKind.Sale, p.alice.account.address, p.ttToken.address, parseEther("10"), ZERO_HASH],
        as,
      );
      assert.equal(await p.feeRouter.read.stakerRewardsOwed(), parseEther("5"));
      assert.equal(await p.feeRouter.read.owed([p.ttToken.address]), parseEther("10"));
    });

    it("owes other tokens' fees to the treasury in full", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      const as = { account: p.other.account };
      await p.devStableToken.write.transfer([p.feeRouter.address, 1000n], as);
      await p.feeRouter.write.recordFee(
        [FeeKind.Lease, p.alice.account.address, p.devStableToken.address, 1000n, ZERO_HASH],
        as,
      );
      assert.equal(await p.feeRouter.read.owed([p.devStableToken.address]), 1000n);
      assert.equal(await p.feeRouter.read.stakerRewardsOwed(), 0n);
    });

    it("emits a FeeEvent for a zero fee without checking balances", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.emit(
        p.feeRouter.write.recordFee([FeeKind.Repair, p.alice.account.address, p.ttToken.address, 0n, ZERO_HASH], {
          account: p.other.account,
        }),
        p.feeRouter,
        "FeeEvent",
      );
    });

    it("reverts when the fee was not transferred first", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feeRouter.write.recordFee([FeeKind.Sale, p.alice.account.address, p.ttToken.address, 7n, ZERO_HASH], {
          account: p.other.account,
        }),
        p.feeRouter,
        "FeeRouterFeeNotReceived",
        [p.ttToken.address, 0n, 7n],
      );
    });

    it("reverts for an account without FEE_COLLECTOR_ROLE", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feeRouter.write.recordFee([FeeKind.Sale, p.alice.account.address, p.ttToken.address, 0n, ZERO_HASH], {
          account: p.alice.account,
        }),
        p.feeRouter,
        "AccessControlUnauthorizedAccount",
        [p.alice.account.address, FEE_COLLECTOR_ROLE],
      );
    });
  });

  describe("distribute", () => {
    it("funds staking with the stakers' share and pays the treasury the rest", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      const as = { account: p.other.account };
      await p.ttToken.write.transfer([p.feeRouter.address, parseEther("10")], as);
      await p.feeRouter.write.recordFee(
        [FeeKind.Sale, p.alice.account.address, p.ttToken.address, parseEther("10"), ZERO_HASH],
        as,
      );
      await viem.assertions.emitWithArgs(
        p.feeRouter.write.distribute([p.ttToken.address]),
        p.feeRouter,
        "FeesDistributed",
        [p.ttToken.address, parseEther("5"), parseEther("5")],
      );
      assert.equal(await p.ttToken.read.balanceOf([p.treasury.account.address]), parseEther("5"));
      assert.equal(await p.staking.read.totalRewardsFunded(), parseEther("5"));
      assert.equal(await p.feeRouter.read.owed([p.ttToken.address]), 0n);
    });

    it("pays non-TT fees to the treasury only", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      const as = { account: p.other.account };
      await p.devStableToken.write.transfer([p.feeRouter.address, 1000n], as);
      await p.feeRouter.write.recordFee(
        [FeeKind.Lease, p.alice.account.address, p.devStableToken.address, 1000n, ZERO_HASH],
        as,
      );
      await p.feeRouter.write.distribute([p.devStableToken.address]);
      assert.equal(await p.devStableToken.read.balanceOf([p.treasury.account.address]), 1000n);
    });

    it("does nothing but emit when nothing is owed", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.emitWithArgs(
        p.feeRouter.write.distribute([p.ttToken.address]),
        p.feeRouter,
        "FeesDistributed",
        [p.ttToken.address, 0n, 0n],
      );
    });
  });

  describe("admin", () => {
    it("sets the treasury", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.emitWithArgs(
        p.feeRouter.write.setTreasury([p.bob.account.address]),
        p.feeRouter,
        "TreasuryUpdated",
        [p.treasury.account.address, p.bob.account.address],
      );
      assert.equal((await p.feeRouter.read.treasury()).toLowerCase(), p.bob.account.address);
    });

    it("refuses a zero treasury", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomError(
        p.feeRouter.write.setTreasury([ZERO_ADDRESS]),
        p.feeRouter,
        "FeeRouterZeroAddress",
      );
    });

    it("sets the stakers' share", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.emitWithArgs(
        p.feeRouter.write.setStakerShareBps([7_000]),
        p.feeRouter,
        "StakerShareUpdated",
        [params.stakerShareBps, 7_000],
      );
      assert.equal(await p.feeRouter.read.stakerShareBps(), 7_000);
    });

    it("refuses a share above 10,000 bps", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feeRouter.write.setStakerShareBps([10_001]),
        p.feeRouter,
        "FeeRouterInvalidBps",
        [10_001n],
      );
    });

    it("reverts setTreasury for a non-admin", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feeRouter.write.setTreasury([p.bob.account.address], { account: p.bob.account }),
        p.feeRouter,
        "AccessControlUnauthorizedAccount",
        [p.bob.account.address, ZERO_HASH],
      );
    });

    it("reverts setStakerShareBps for a non-admin", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.feeRouter.write.setStakerShareBps([1], { account: p.bob.account }),
        p.feeRouter,
        "AccessControlUnauthorizedAccount",
        [p.bob.account.address, ZERO_HASH],
      );
    });
  });

  describe("constructor", () => {
    it("refuses a zero treasury", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomError(
        viem.deployContract("FeeRouter", [
          p.ttToken.address,
          p.staking.address,
          ZERO_ADDRESS,
          0,
          p.admin.account.address,
        ]),
        p.feeRouter,
        "FeeRouterZeroAddress",
      );
    });

    it("refuses a share above 10,000 bps", async () => {
      const p = await networkHelpers.loadFixture(deployFeeRouterFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("FeeRouter", [
          p.ttToken.address,
          p.staking.address,
          p.admin.account.address,
          10_001,
          p.admin.account.address,
        ]),
        p.feeRouter,
        "FeeRouterInvalidBps",
        [10_001n],
      );
    });
  });
});
