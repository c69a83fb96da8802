import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, parseEther, parseSignature, zeroHash } from "viem";
import { DAY, deployProtocol, params, Role, stakeAs } from "./helpers/protocol.ts";

/** `actual` within `tolerance` of `expected`. */
function assertClose(actual: bigint, expected: bigint, tolerance: bigint) {
  const difference = actual > expected ? actual - expected : expected - actual;
  assert.ok(difference <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

describe("Staking", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployStakingFixture() {
    return deployProtocol(connection);
  }

  /** Funds `amount` TT of rewards from `other`. */
  async function fund(p: Awaited<ReturnType<typeof deployStakingFixture>>, amount: bigint) {
    await p.ttToken.write.approve([p.staking.address, amount], { account: p.other.account });
    return p.staking.write.fundRewards([amount], { account: p.other.account });
  }

  describe("stake", () => {
    it("opens a position with role and lock-up", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await p.ttToken.write.approve([p.staking.address, 100n], { account: p.alice.account });
      await viem.assertions.emitWithArgs(
        p.staking.write.stake([Role.Oracle, 100n, params.minLockDuration], { account: p.alice.account }),
        p.staking,
        "Staked",
        [1n, p.alice.account.address, Role.Oracle, 100n, (unlocksAt: bigint) => unlocksAt > params.minLockDuration],
      );
      const position = await p.staking.read.getPosition([1n]);
      assert.equal(position.amount, 100n);
      assert.equal(await p.staking.read.roleStakeOf([p.alice.account.address, Role.Oracle]), 100n);
      assert.equal(await p.staking.read.hasRoleStake([p.alice.account.address, Role.Oracle, 100n]), true);
      assert.equal(await p.staking.read.hasRoleStake([p.alice.account.address, Role.MarketMaker, 1n]), false);
      assert.equal(await p.staking.read.balanceOf([p.alice.account.address]), 100n);
      assert.equal(await p.staking.read.positionCount(), 1n);
      assert.equal(await p.staking.read.totalStaked(), 100n);
    });

    it("refuses a zero amount", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await viem.assertions.revertWithCustomError(
        p.staking.write.stake([Role.Oracle, 0n, params.minLockDuration], { account: p.alice.account }),
        p.staking,
        "StakingZeroAmount",
      );
    });

    it("refuses a lock-up shorter than the minimum", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.stake([Role.Oracle, 1n, DAY], { account: p.alice.account }),
        p.staking,
        "StakingLockupTooShort",
        [DAY, params.minLockDuration],
      );
    });

    it("stakes with a permit instead of an approval", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const nonce = await p.ttToken.read.nonces([p.alice.account.address]);
      const signature = await p.alice.signTypedData({
        domain: { name: "A360 Token", version: "1", chainId: 31337, verifyingContract: p.ttToken.address },
        types: {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        primaryType: "Permit",
        message: { owner: p.alice.account.address, spender: p.staking.address, value: 50n, nonce, deadline },
      });
      const { v, r, s } = parseSignature(signature);
      await p.staking.write.stakeWithPermit(
        [Role.MarketMaker, 50n, params.minLockDuration, deadline, Number(v), r, s],
        {
          account: p.alice.account,
        },
      );
      assert.equal(await p.staking.read.roleStakeOf([p.alice.account.address, Role.MarketMaker]), 50n);
    });
  });

  describe("requestWithdrawal and withdraw", () => {
    it("unbonds TT after the lock-up and pays it after the unbonding period", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.Oracle, 100n);
      await networkHelpers.time.increase(params.minLockDuration);
      await viem.assertions.emitWithArgs(
        p.staking.write.requestWithdrawal([1n, 40n], { account: p.alice.account }),
        p.staking,
        "WithdrawalRequested",
        [1n, p.alice.account.address, Role.Oracle, 40n, 60n, (at: bigint) => at > 0n],
      );
      // Unbonding TT no longer backs the role nor counts as staked.
      assert.equal(await p.staking.read.roleStakeOf([p.alice.account.address, Role.Oracle]), 60n);
      assert.equal(await p.staking.read.totalStaked(), 60n);
      const { unbondsAt } = await p.staking.read.getPosition([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.withdraw([1n], { account: p.alice.account }),
        p.staking,
        "StakingNotUnbonded",
        [1n, 40n, unbondsAt],
      );
      await networkHelpers.time.increase(params.unbondingPeriod);
      await viem.assertions.emitWithArgs(
        p.staking.write.withdraw([1n], { account: p.alice.account }),
        p.staking,
        "Withdrawn",
        [1n, p.alice.account.address, Role.Oracle, 40n, 60n],
      );
      assert.equal((await p.staking.read.getPosition([1n])).unbonding, 0n);
    });

    it("refuses a request before the lock-up ends", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.Oracle, 100n);
      const { unlocksAt } = await p.staking.read.getPosition([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.requestWithdrawal([1n, 1n], { account: p.alice.account }),
        p.staking,
        "StakingLockupActive",
        [1n, unlocksAt],
      );
    });

    it("refuses an unknown position and another account's position", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.Oracle, 100n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.requestWithdrawal([9n, 1n], { account: p.alice.account }),
        p.staking,
        "StakingUnknownPosition",
        [9n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.withdraw([1n], { account: p.bob.account }),
        p.staking,
        "StakingNotPositionOwner",
        [1n, p.bob.account.address],
      );
    });

    it("refuses a zero amount and more than the position holds", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.Oracle, 100n);
      await networkHelpers.time.increase(params.minLockDuration);
      await viem.assertions.revertWithCustomError(
        p.staking.write.requestWithdrawal([1n, 0n], { account: p.alice.account }),
        p.staking,
        "StakingZeroAmount",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.requestWithdrawal([1n, 101n], { account: p.alice.account }),
        p.staking,
        "StakingInsufficientStake",
        [1n, 100n, 101n],
      );
    });
  });

  describe("slashing (issue 18: roles with teeth)", () => {
    /** Alice's oracle position 1 of 1,000 TT, `admin` made slasher and arbiter. */
    async function slashableFixture() {
      const p = await deployProtocol(connection);
      await stakeAs(p, p.alice, Role.Oracle, parseEther("1000"));
      await p.staking.write.grantRole([await p.staking.read.SLASHER_ROLE(), p.admin.account.address]);
      return p;
    }

    it("attack: leaving while a slash is pending is refused, and unbonding TT is slashed", async () => {
      const p = await networkHelpers.loadFixture(slashableFixture);
      await networkHelpers.time.increase(params.minLockDuration);
      await p.staking.write.requestWithdrawal([1n, parseEther("1000")], { account: p.alice.account });
      await viem.assertions.emitWithArgs(
        p.staking.write.proposeSlash([1n, parseEther("300"), p.bob.account.address, zeroHash]),
        p.staking,
        "SlashProposed",
        [
          1n,
          1n,
          getAddress(p.admin.account.address),
          parseEther("300"),
          getAddress(p.bob.account.address),
          (d: bigint) => d > 0n,
          zeroHash,
        ],
      );
      await networkHelpers.time.increase(params.unbondingPeriod);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.withdraw([1n], { account: p.alice.account }),
        p.staking,
        "StakingPositionHeld",
        [1n, 0n, 1n],
      );
      const before = await p.ttToken.read.balanceOf([p.bob.account.address]);
      await viem.assertions.emitWithArgs(
        p.staking.write.executeSlash([1n], { account: p.other.account }),
        p.staking,
        "Slashed",
        [1n, 1n, getAddress(p.bob.account.address), 0n, parseEther("300")],
      );
      assert.equal(await p.ttToken.read.balanceOf([p.bob.account.address]), before + parseEther("300"));
      await p.staking.write.withdraw([1n], { account: p.alice.account });
      assert.equal((await p.staking.read.getPosition([1n])).unbonding, 0n);
    });

    it("takes active TT first and caps the slash at what the position holds", async () => {
      const p = await networkHelpers.loadFixture(slashableFixture);
      await p.staking.write.proposeSlash([1n, parseEther("5000"), p.bob.account.address, zeroHash]);
      const { appealDeadline } = await p.staking.read.getSlash([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.executeSlash([1n]),
        p.staking,
        "StakingAppealWindowOpen",
        [1n, appealDeadline],
      );
      await networkHelpers.time.increase(params.appealWindow + 1n);
      await viem.assertions.emitWithArgs(p.staking.write.executeSlash([1n]), p.staking, "Slashed", [
        1n,
        1n,
        getAddress(p.bob.account.address),
        parseEther("1000"),
        0n,
      ]);
      assert.equal(await p.staking.read.totalStaked(), 0n);
      assert.equal(await p.staking.read.hasRoleStake([p.alice.account.address, Role.Oracle, 1n]), false);
    });

    it("lets the owner appeal within the window, and the arbiter overturn or uphold", async () => {
      const p = await networkHelpers.loadFixture(slashableFixture);
      await p.staking.write.proposeSlash([1n, parseEther("100"), p.bob.account.address, zeroHash]);
      await p.staking.write.proposeSlash([1n, parseEther("200"), p.bob.account.address, zeroHash]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.appealSlash([1n], { account: p.bob.account }),
        p.staking,
        "StakingNotPositionOwner",
        [1n, p.bob.account.address],
      );
      await viem.assertions.emit(
        p.staking.write.appealSlash([1n], { account: p.alice.account }),
        p.staking,
        "SlashAppealed",
      );
      await p.staking.write.appealSlash([2n], { account: p.alice.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.executeSlash([1n]),
        p.staking,
        "StakingWrongSlashState",
        [1n, 2, 1],
      );
      await viem.assertions.revertWithCustomError(
        p.staking.write.resolveAppeal([1n, false], { account: p.alice.account }),
        p.staking,
        "AccessControlUnauthorizedAccount",
      );
      await viem.assertions.emit(p.staking.write.resolveAppeal([1n, false]), p.staking, "SlashOverturned");
      await viem.assertions.emit(p.staking.write.resolveAppeal([2n, true]), p.staking, "Slashed");
      assert.equal((await p.staking.read.getPosition([1n])).amount, parseEther("800"));
      assert.equal(await p.staking.read.pendingSlashes([1n]), 0n);
    });

    it("refuses a late appeal, an unknown slash, a zero slash and a slasher without the role", async () => {
      const p = await networkHelpers.loadFixture(slashableFixture);
      await p.staking.write.proposeSlash([1n, 1n, p.bob.account.address, zeroHash]);
      const { appealDeadline } = await p.staking.read.getSlash([1n]);
      await networkHelpers.time.increase(params.appealWindow + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.appealSlash([1n], { account: p.alice.account }),
        p.staking,
        "StakingAppealWindowClosed",
        [1n, appealDeadline],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.executeSlash([7n]),
        p.staking,
        "StakingUnknownSlash",
        [7n],
      );
      await viem.assertions.revertWithCustomError(
        p.staking.write.proposeSlash([1n, 0n, p.bob.account.address, zeroHash]),
        p.staking,
        "StakingZeroAmount",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.proposeSlash([9n, 1n, p.bob.account.address, zeroHash]),
        p.staking,
        "StakingUnknownPosition",
        [9n],
      );
      await viem.assertions.revertWithCustomError(
        p.staking.write.proposeSlash([1n, 1n, p.bob.account.address, zeroHash], { account: p.bob.account }),
        p.staking,
        "AccessControlUnauthorizedAccount",
      );
      await viem.assertions.revertWithCustomError(
        p.staking.write.holdPosition([1n, 1n], { account: p.bob.account }),
        p.staking,
        "AccessControlUnauthorizedAccount",
      );
    });

    it("keeps a held position's TT in until the hold ends, never shortening it", async () => {
      const p = await networkHelpers.loadFixture(slashableFixture);
      await networkHelpers.time.increase(params.minLockDuration);
      await p.staking.write.requestWithdrawal([1n, 10n], { account: p.alice.account });
      const now = BigInt((await p.publicClient.getBlock()).timestamp);
      const until = now + params.unbondingPeriod + 10n * DAY;
      await viem.assertions.emitWithArgs(p.staking.write.holdPosition([1n, until]), p.staking, "PositionHeld", [
        1n,
        getAddress(p.admin.account.address),
        until,
      ]);
      await p.staking.write.holdPosition([1n, now]);
      assert.equal((await p.staking.read.getPosition([1n])).heldUntil, until);
      await networkHelpers.time.increase(params.unbondingPeriod + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.staking.write.withdraw([1n], { account: p.alice.account }),
        p.staking,
        "StakingPositionHeld",
        [1n, until, 0n],
      );
      await networkHelpers.time.increaseTo(until);
      await p.staking.write.withdraw([1n], { account: p.alice.account });
    });
  });

  describe("reentrancy", () => {
    it("refuses re-entry from a malicious staking token", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      const evil = await viem.deployContract("ReentrantToken");
      const evilStaking = await viem.deployContract("Staking", [
        evil.address,
        0n,
        0n,
        0n,
        1n,
        0n,
        0,
        p.admin.account.address,
      ]);
      await evil.write.mint([p.alice.account.address, 100n]);
      await evil.write.approve([evilStaking.address, 100n], { account: p.alice.account });
      await evil.write.arm([
        evilStaking.address,
        encodeFunctionData({ abi: evilStaking.abi, functionName: "claimReward", args: [] }),
      ]);
      await viem.assertions.revertWithCustomError(
        evilStaking.write.stake([Role.MarketMaker, 100n, 0n], { account: p.alice.account }),
        evilStaking,
        "ReentrancyGuardReentrantCall",
      );
    });
  });

  describe("rewards", () => {
    /** Moves the chain to the end of the current reward period. */
    async function toPeriodEnd(p: Awaited<ReturnType<typeof deployStakingFixture>>) {
      await networkHelpers.time.increaseTo(await p.staking.read.periodFinish());
    }

    it("streams a funding over the period, pro rata to stake", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.MarketMaker, parseEther("300"));
      await stakeAs(p, p.bob, Role.MarketMaker, parseEther("100"));
      await fund(p, parseEther("40"));
      assert.equal(await p.staking.read.earned([p.alice.account.address]), 0n);
      await networkHelpers.time.increase(params.rewardsDuration / 2n);
      const half = await p.staking.read.earned([p.alice.account.address]);
      assert.ok(half > parseEther("14.9") && half < parseEther("15.1"), `half-way ${half}`);
      await toPeriodEnd(p);
      // Within the accumulator's truncation (stake / 1e18 wei, kept as dust for the next funding).
      assertClose(await p.staking.read.earned([p.alice.account.address]), parseEther("30"), 1_000n);
      const bob = await p.staking.read.earned([p.bob.account.address]);
      assertClose(bob, parseEther("10"), 1_000n);
      // Nothing more after the period's end.
      await networkHelpers.time.increase(DAY);
      assert.equal(await p.staking.read.earned([p.bob.account.address]), bob);
    });

    it("attack: staking just before a funding earns only for the time staked after it (issue 18, medium)", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      // A staker of 30 days with 10,000 TT; the attacker stakes 90,000 TT seconds before a month's 500 TT arrive,
      // and leaves as early as the lock-up allows.
      await stakeAs(p, p.alice, Role.MarketMaker, parseEther("10000"));
      await networkHelpers.time.increase(30n * DAY);
      await stakeAs(p, p.bob, Role.MarketMaker, parseEther("90000"));
      await fund(p, parseEther("500"));
      await networkHelpers.time.increase(params.minLockDuration);
      await p.staking.write.requestWithdrawal([2n, parseEther("90000")], { account: p.bob.account });
      const attacker = await p.staking.read.earned([p.bob.account.address]);
      // 90% of 7/30 of 500 TT: what 90,000 TT earn for 7 days, not 450 TT.
      const fair = (parseEther("500") * 9n * params.minLockDuration) / (10n * params.rewardsDuration);
      assert.ok(attacker <= fair + parseEther("0.01") && attacker >= fair - parseEther("0.01"), `${attacker}`);
      assert.ok(attacker < parseEther("110"));
      await toPeriodEnd(p);
      const staker = await p.staking.read.earned([p.alice.account.address]);
      assert.ok(staker + attacker <= parseEther("500") && staker + attacker > parseEther("499.99"));
    });

    it("attack: a 1-wei stake after an empty period cannot take the carried pot (issue 18, medium)", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      const guarded = await viem.deployContract("Staking", [
        p.ttToken.address,
        params.minLockDuration,
        params.unbondingPeriod,
        params.appealWindow,
        params.rewardsDuration,
        parseEther("1"),
        0,
        p.admin.account.address,
      ]);
      await p.ttToken.write.approve([guarded.address, parseEther("1000")], { account: p.bob.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        guarded.write.stake([Role.MarketMaker, 1n, params.minLockDuration], { account: p.bob.account }),
        guarded,
        "StakingBelowMinimum",
        [1n, parseEther("1")],
      );
      // Carried rewards are streamed again from the first stake, so the first staker cannot take them at once.
      await p.ttToken.write.approve([guarded.address, parseEther("100")], { account: p.other.account });
      await guarded.write.fundRewards([parseEther("100")], { account: p.other.account });
      await networkHelpers.time.increase(params.rewardsDuration);
      await guarded.write.stake([Role.MarketMaker, parseEther("1"), params.minLockDuration], {
        account: p.bob.account,
      });
      await networkHelpers.time.increase(DAY);
      const earned = await guarded.read.earned([p.bob.account.address]);
      assert.ok(earned < parseEther("3.4"), `${earned}`);
    });

    it("refuses leaving less than the minimum active in a position", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      const guarded = await viem.deployContract("Staking", [
        p.ttToken.address,
        0n,
        0n,
        0n,
        params.rewardsDuration,
        parseEther("1"),
        0,
        p.admin.account.address,
      ]);
      await p.ttToken.write.approve([guarded.address, parseEther("2")], { account: p.bob.account });
      await guarded.write.stake([Role.MarketMaker, parseEther("2"), 0n], { account: p.bob.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        guarded.write.requestWithdrawal([1n, parseEther("1.5")], { account: p.bob.account }),
        guarded,
        "StakingBelowMinimum",
        [parseEther("0.5"), parseEther("1")],
      );
      await guarded.write.requestWithdrawal([1n, parseEther("2")], { account: p.bob.account });
    });

    it("rolls what is left of the period into the next funding", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.MarketMaker, parseEther("1"));
      await fund(p, parseEther("30"));
      await networkHelpers.time.increase(params.rewardsDuration / 2n);
      await fund(p, parseEther("30"));
      const rate = await p.staking.read.rewardRate();
      // About 15 left plus 30 new, over a whole period.
      const expected = (parseEther("45") * 10n ** 18n) / params.rewardsDuration;
      assert.ok(rate > (expected * 999n) / 1000n && rate < (expected * 1001n) / 1000n, `${rate}`);
      await toPeriodEnd(p);
      const earned = await p.staking.read.earned([p.alice.account.address]);
      assert.ok(earned <= parseEther("60") && earned > parseEther("59.999"), `${earned}`);
      assert.ok((await p.staking.read.totalRewardsStreamed()) <= parseEther("60"));
    });

    it("pays claimed rewards and emits RewardPaid", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.MarketMaker, parseEther("1"));
      await fund(p, parseEther("2"));
      await toPeriodEnd(p);
      const earned = await p.staking.read.earned([p.alice.account.address]);
      assertClose(earned, parseEther("2"), 1n);
      await viem.assertions.emitWithArgs(
        p.staking.write.claimReward({ account: p.alice.account }),
        p.staking,
        "RewardPaid",
        [getAddress(p.alice.account.address), earned],
      );
      assert.equal(await p.staking.read.totalRewardsClaimed(), earned);
      assert.equal(await p.staking.read.rewardReserve(), parseEther("2") - earned);
    });

    it("carries rewards streamed while nothing is staked to the next staker's stream", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await viem.assertions.emit(fund(p, parseEther("1")), p.staking, "RewardFunded");
      await networkHelpers.time.increase(params.rewardsDuration);
      const carried = await p.staking.read.undistributedRewards();
      assert.ok(carried > parseEther("0.999"), `${carried}`);
      await stakeAs(p, p.alice, Role.MarketMaker, 3n);
      assert.equal(await p.staking.read.undistributedRewards(), 0n);
      await toPeriodEnd(p);
      const earned = await p.staking.read.earned([p.alice.account.address]);
      assert.ok(earned <= parseEther("1") && earned > parseEther("0.999"), `${earned}`);
    });

    it("pays nothing when nothing is earned", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await p.staking.write.claimReward({ account: p.alice.account });
      assert.equal(await p.staking.read.totalRewardsClaimed(), 0n);
    });

    it("refuses zero funding", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await viem.assertions.revertWithCustomError(p.staking.write.fundRewards([0n]), p.staking, "StakingZeroAmount");
    });

    it("keeps earned rewards across a withdrawal request, and earns nothing while unbonding", async () => {
      const p = await networkHelpers.loadFixture(deployStakingFixture);
      await stakeAs(p, p.alice, Role.MarketMaker, parseEther("1"));
      await fund(p, parseEther("30"));
      await networkHelpers.time.increase(params.minLockDuration);
      await p.staking.write.requestWithdrawal([1n, parseEther("1")], { account: p.alice.account });
      const earned = await p.staking.read.earned([p.alice.account.address]);
      await networkHelpers.time.increase(DAY);
      assert.equal(await p.staking.read.earned([p.alice.account.address]), earned);
    });
  });
});
