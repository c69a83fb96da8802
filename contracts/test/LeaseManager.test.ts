import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, keccak256, parseEther, toHex } from "viem";
import {
  DAY,
  deployProtocol,
  FeeKind,
  leaseParameters,
  mintAnchoredUnit,
  params,
  Role,
  stable,
  stakeAs,
  ZERO_ADDRESS,
} from "./helpers/protocol.ts";

const RATE = stable("10");
const REQUIRED = parseEther("500"); // EUR, 18 decimals
const TT_PRICE = parseEther("2"); // 2 EUR per TT
const FORM = keccak256(toHex("damage-form"));

describe("LeaseManager", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployLeaseManagerFixture() {
    const p = await deployProtocol(connection);
    const unit = await mintAnchoredUnit(p, "SN-L");
    const oraclePosition = await stakeAs(p, p.oracle, Role.Oracle, params.minOracleStake);
    await p.priceOracle.write.postPrice([oraclePosition, TT_PRICE], { account: p.oracle.account });
    const providerPosition = await stakeAs(p, p.provider, Role.ServiceProvider, params.minProviderStake);
    await p.ttToken.write.approve([p.repairRegistry.address, parseEther("1000")], { account: p.provider.account });
    await p.unitToken.write.approve([p.leaseManager.address, unit.unitId], { account: p.alice.account });
    await p.leaseManager.write.createLeaseOffer([unit.unitId, RATE, 30, REQUIRED], { account: p.alice.account });
    await p.devStableToken.write.approve([p.leaseManager.address, stable("100000")], { account: p.bob.account });
    await p.ttToken.write.approve([p.leaseManager.address, parseEther("100000")], { account: p.bob.account });
    return { ...p, unitId: unit.unitId, providerPosition };
  }

  type Fixture = Awaited<ReturnType<typeof deployLeaseManagerFixture>>;

  /** Bob accepts lease 1 for 10 days with 300 stable + 250 TT (250 * 2 * 0.7 = 350 EUR). */
  async function acceptAndEnd(p: Fixture) {
    await p.leaseManager.write.acceptLease([1n, 10, stable("300"), parseEther("250")], { account: p.bob.account });
    await networkHelpers.time.increase(10n * DAY);
    await p.leaseManager.write.endLease([1n]);
  }

  async function recordRepair(p: Fixture, unitId = p.unitId, provider = p.provider) {
    await p.repairRegistry.write.recordRepair([unitId, FORM, 1], { account: provider.account });
    return p.repairRegistry.read.repairCount();
  }

  /** The provider attests `damage` EUR on lease 1 from a fresh repair, and Alice claims 100 stable + 50 TT. */
  async function attestAndClaim(p: Fixture, damage = parseEther("250")) {
    await acceptAndEnd(p);
    const repairId = await recordRepair(p);
    await p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, damage], {
      account: p.provider.account,
    });
    // 100 stable + 50 TT at the accepted 2 EUR = 200 EUR.
    await p.leaseManager.write.claimCollateral([1n, stable("100"), parseEther("50")], { account: p.alice.account });
    return repairId;
  }

  describe("createLeaseOffer", () => {
    it("escrows the unit", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const unit = await mintAnchoredUnit(p, "SN-L2");
      await p.unitToken.write.approve([p.leaseManager.address, unit.unitId], { account: p.alice.account });
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.createLeaseOffer([unit.unitId, RATE, 7, REQUIRED], { account: p.alice.account }),
        p.leaseManager,
        "LeaseOffered",
        [2n, unit.unitId, p.alice.account.address, RATE, 7, REQUIRED],
      );
      assert.equal(await p.unitToken.read.ownerOf([unit.unitId]), p.leaseManager.address);
      assert.equal(await p.leaseManager.read.activeLeaseOf([unit.unitId]), 2n);
      assert.equal(await p.leaseManager.read.leaseCount(), 2n);
    });

    it("refuses a caller who does not own the unit", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.createLeaseOffer([p.unitId, RATE, 7, REQUIRED], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerNotUnitOwner",
        [p.unitId, p.bob.account.address],
      );
    });

    it("refuses zero terms", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const unit = await mintAnchoredUnit(p, "SN-L3");
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.createLeaseOffer([unit.unitId, 0n, 7, REQUIRED], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerInvalidTerms",
        [0n, 7],
      );
    });
  });

  describe("cancelLeaseOffer", () => {
    it("returns the unit", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.cancelLeaseOffer([1n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseOfferCancelled",
        [1n, p.unitId, p.alice.account.address],
      );
      assert.equal((await p.unitToken.read.ownerOf([p.unitId])).toLowerCase(), p.alice.account.address);
    });

    it("refuses anyone but the lessor", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.cancelLeaseOffer([1n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerNotLessor",
        [1n, p.bob.account.address],
      );
    });

    it("refuses an accepted lease", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await p.leaseManager.write.acceptLease([1n, 1, stable("500"), 0n], { account: p.bob.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.cancelLeaseOffer([1n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerWrongState",
        [1n, 2, 1],
      );
    });
  });

  describe("acceptLease", () => {
    it("takes rent and collateral and makes the lessee the unit's user", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const rent = RATE * 10n;
      const fee = (rent * BigInt(params.leaseFeeBps)) / 10_000n;
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.acceptLease([1n, 10, stable("300"), parseEther("250")], { account: p.bob.account }),
        p.leaseManager,
        "LeaseAccepted",
        [
          1n,
          p.unitId,
          p.bob.account.address,
          p.alice.account.address,
          10,
          rent,
          fee,
          stable("300"),
          parseEther("250"),
          TT_PRICE,
          (endsAt: bigint) => endsAt > 10n * DAY,
        ],
      );
      assert.equal((await p.unitToken.read.userOf([p.unitId])).toLowerCase(), p.bob.account.address);
      assert.equal(await p.devStableToken.read.balanceOf([p.leaseManager.address]), rent - fee + stable("300"));
      assert.equal(await p.ttToken.read.balanceOf([p.leaseManager.address]), parseEther("250"));
    });

    it("emits exactly one FeeEvent whose ref is the lease id", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const block = await p.publicClient.getBlockNumber();
      await p.leaseManager.write.acceptLease([1n, 10, stable("500"), 0n], { account: p.bob.account });
      const fees = await p.feeRouter.getEvents.FeeEvent({}, { fromBlock: block + 1n });
      assert.equal(fees.length, 1);
      assert.deepEqual(fees[0]!.args, {
        kind: FeeKind.Lease,
        payer: getAddress(p.bob.account.address),
        token: p.devStableToken.address,
        amount: (RATE * 10n * BigInt(params.leaseFeeBps)) / 10_000n,
        ref: `0x${"1".padStart(64, "0")}`,
      });
    });

    it("accepts stable-only collateral without reading the oracle", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await networkHelpers.time.increase(params.maxPriceAge + 1n);
      await p.leaseManager.write.acceptLease([1n, 1, stable("500"), 0n], { account: p.bob.account });
      assert.equal((await p.leaseManager.read.getLease([1n])).state, 2);
    });

    it("refuses collateral below the requirement after the haircut", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      // 250 TT * 2 EUR * 0.7 = 350 EUR, + 100 stable = 450 < 500.
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.acceptLease([1n, 1, stable("100"), parseEther("250")], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerInsufficientCollateral",
        [parseEther("450"), REQUIRED],
      );
    });

    it("refuses a stale price", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await networkHelpers.time.increase(params.maxPriceAge + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.acceptLease([1n, 1, 0n, parseEther("1000")], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerStalePrice",
        [(age: bigint) => age > params.maxPriceAge, params.maxPriceAge],
      );
    });

    it("refuses a duration above the maximum", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.acceptLease([1n, 31, stable("500"), 0n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerInvalidDuration",
        [31, 30],
      );
    });

    it("refuses a lease that is not offered", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.acceptLease([2n, 1, stable("500"), 0n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerWrongState",
        [2n, 0, 1],
      );
    });
  });

  describe("endLease", () => {
    it("returns the unit, keeps the rent minus fee for the lessor to pull and opens the claim window", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await p.leaseManager.write.acceptLease([1n, 10, stable("500"), 0n], { account: p.bob.account });
      await networkHelpers.time.increase(10n * DAY);
      const before = await p.devStableToken.read.balanceOf([p.alice.account.address]);
      const rentDue = RATE * 10n - (RATE * 10n * BigInt(params.leaseFeeBps)) / 10_000n;
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.endLease([1n], { account: p.other.account }),
        p.leaseManager,
        "LeaseEnded",
        [1n, p.unitId, p.alice.account.address, p.bob.account.address, rentDue, (d: bigint) => d > 0n],
      );
      assert.equal(await p.devStableToken.read.balanceOf([p.alice.account.address]), before);
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.withdrawRent([1n], { account: p.alice.account }),
        p.leaseManager,
        "RentWithdrawn",
        [1n, p.alice.account.address, rentDue],
      );
      assert.equal(await p.devStableToken.read.balanceOf([p.alice.account.address]), before + rentDue);
      assert.equal((await p.unitToken.read.ownerOf([p.unitId])).toLowerCase(), p.alice.account.address);
      assert.equal(await p.unitToken.read.userOf([p.unitId]), ZERO_ADDRESS);
      assert.equal(await p.leaseManager.read.activeLeaseOf([p.unitId]), 0n);
    });

    it("refuses before the end", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await p.leaseManager.write.acceptLease([1n, 10, stable("500"), 0n], { account: p.bob.account });
      const { endsAt } = await p.leaseManager.read.getLease([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.endLease([1n]),
        p.leaseManager,
        "LeaseManagerLeaseNotOver",
        [1n, endsAt],
      );
    });
  });

  describe("pause (issue 18, low: an emergency stop that never blocks an exit)", () => {
    it("stops new offers and leases while running leases end and settle", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await p.leaseManager.write.acceptLease([1n, 10, stable("300"), parseEther("250")], { account: p.bob.account });
      await viem.assertions.revertWithCustomError(
        p.leaseManager.write.pause({ account: p.bob.account }),
        p.leaseManager,
        "AccessControlUnauthorizedAccount",
      );
      await viem.assertions.emit(p.leaseManager.write.pause(), p.leaseManager, "Paused");
      const unit = await mintAnchoredUnit(p, "SN-paused");
      await p.unitToken.write.approve([p.leaseManager.address, unit.unitId], { account: p.alice.account });
      await viem.assertions.revertWithCustomError(
        p.leaseManager.write.createLeaseOffer([unit.unitId, RATE, 7, REQUIRED], { account: p.alice.account }),
        p.leaseManager,
        "EnforcedPause",
      );
      await networkHelpers.time.increase(10n * DAY);
      await p.leaseManager.write.endLease([1n]);
      await p.leaseManager.write.withdrawRent([1n], { account: p.alice.account });
      await networkHelpers.time.increase(params.claimWindow + 1n);
      await p.leaseManager.write.withdrawCollateral([1n], { account: p.bob.account });
      await p.leaseManager.write.unpause();
      await p.leaseManager.write.createLeaseOffer([unit.unitId, RATE, 7, REQUIRED], { account: p.alice.account });
    });

    it("refuses accepting an offer while paused", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await p.leaseManager.write.pause();
      await viem.assertions.revertWithCustomError(
        p.leaseManager.write.acceptLease([1n, 10, stable("500"), 0n], { account: p.bob.account }),
        p.leaseManager,
        "EnforcedPause",
      );
      await p.leaseManager.write.cancelLeaseOffer([1n], { account: p.alice.account });
    });
  });

  describe("withdrawRent", () => {
    it("refuses anyone but the lessor, and a second withdrawal", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.withdrawRent([1n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerNotLessor",
        [1n, p.bob.account.address],
      );
      await p.leaseManager.write.withdrawRent([1n], { account: p.alice.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.withdrawRent([1n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerNothingToWithdraw",
        [1n],
      );
    });

    it("refuses before the lease has ended", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.withdrawRent([1n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerWrongState",
        [1n, 1, 3],
      );
    });
  });

  describe("attack: a lessor takes the lessee's collateral with a made-up repair (issue 18, critical)", () => {
    it("refuses a damage attestation by the lessor, even staked as a service provider", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      const position = await stakeAs(p, p.alice, Role.ServiceProvider, params.minProviderStake);
      await p.ttToken.write.approve([p.repairRegistry.address, parseEther("100")], { account: p.alice.account });
      const repairId = await recordRepair(p, p.unitId, p.alice);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.attestDamage([1n, repairId, position, parseEther("10000")], {
          account: p.alice.account,
        }),
        p.leaseManager,
        "LeaseManagerProviderNotIndependent",
        [1n, p.alice.account.address, repairId, position],
      );
    });

    it("refuses a claim with no attested damage", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.claimCollateral([1n, stable("300"), parseEther("250")], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerWrongClaimState",
        [1n, 0, 1],
      );
    });

    it("refuses a claim above the attested damage", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      const repairId = await recordRepair(p);
      await p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, parseEther("150")], {
        account: p.provider.account,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.claimCollateral([1n, stable("100"), parseEther("50")], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerClaimExceedsDamage",
        [1n, parseEther("200"), parseEther("150")],
      );
    });

    it("refuses to charge damage from the next lease to the previous lessee", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      // Alice leases the unit again at once, to Bob's neighbour; the damage happens in that lease.
      await p.unitToken.write.approve([p.leaseManager.address, p.unitId], { account: p.alice.account });
      await p.leaseManager.write.createLeaseOffer([p.unitId, RATE, 30, REQUIRED], { account: p.alice.account });
      await p.devStableToken.write.approve([p.leaseManager.address, stable("100000")], { account: p.other.account });
      await p.leaseManager.write.acceptLease([2n, 1, stable("500"), 0n], { account: p.other.account });
      const repairId = await recordRepair(p);
      const repair = await p.repairRegistry.read.getRepair([repairId]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, parseEther("100")], {
          account: p.provider.account,
        }),
        p.leaseManager,
        "LeaseManagerRepairNotForLease",
        [1n, repairId, p.unitId, repair.time],
      );
    });

    it("refuses a repair of another unit, one made before the lease, and one used twice", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const before = await recordRepair(p);
      await acceptAndEnd(p);
      const other = await mintAnchoredUnit(p, "SN-other");
      const otherRepair = await recordRepair(p, other.unitId);
      const otherTime = (await p.repairRegistry.read.getRepair([otherRepair])).time;
      const beforeTime = (await p.repairRegistry.read.getRepair([before])).time;
      for (const [repairId, unitId, time] of [
        [otherRepair, other.unitId, otherTime],
        [before, p.unitId, beforeTime],
      ] as const) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, 1n], { account: p.provider.account }),
          p.leaseManager,
          "LeaseManagerRepairNotForLease",
          [1n, repairId, unitId, time],
        );
      }
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.attestDamage([1n, 42n, p.providerPosition, 1n], { account: p.provider.account }),
        p.repairRegistry,
        "RepairRegistryUnknownRepair",
        [42n],
      );
      assert.equal(await p.leaseManager.read.isRepairClaimed([before]), false);
    });

    it("refuses a provider attesting someone else's repair, or with a position not its own", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      const repairId = await recordRepair(p);
      const otherPosition = await stakeAs(p, p.other, Role.ServiceProvider, params.minProviderStake);
      for (const [account, position] of [
        [p.other, otherPosition],
        [p.provider, otherPosition],
      ] as const) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          p.leaseManager.write.attestDamage([1n, repairId, position, 1n], { account: account.account }),
          p.leaseManager,
          "LeaseManagerProviderNotIndependent",
          [1n, getAddress(account.account.address), repairId, position],
        );
      }
    });

    it("refuses an empty attestation, a second one, and one after the claim window", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      const repairId = await recordRepair(p);
      await viem.assertions.revertWithCustomError(
        p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, 0n], { account: p.provider.account }),
        p.leaseManager,
        "LeaseManagerEmptyClaim",
      );
      await p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, 1n], { account: p.provider.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, 1n], { account: p.provider.account }),
        p.leaseManager,
        "LeaseManagerWrongClaimState",
        [1n, 1, 0],
      );
      await networkHelpers.time.increase(params.claimWindow + 1n);
      const { claimDeadline } = await p.leaseManager.read.getLease([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, 1n], { account: p.provider.account }),
        p.leaseManager,
        "LeaseManagerClaimWindowClosed",
        [1n, claimDeadline],
      );
    });
  });

  describe("claimCollateral", () => {
    it("sets collateral aside against the attested damage and pays it after the dispute window", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      const repairId = await recordRepair(p);
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, parseEther("250")], {
          account: p.provider.account,
        }),
        p.leaseManager,
        "DamageAttested",
        [1n, repairId, getAddress(p.provider.account.address), p.providerPosition, parseEther("250")],
      );
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.claimCollateral([1n, stable("100"), parseEther("50")], { account: p.alice.account }),
        p.leaseManager,
        "CollateralClaimed",
        [1n, repairId, getAddress(p.alice.account.address), stable("100"), parseEther("50"), (d: bigint) => d > 0n],
      );
      const lease = await p.leaseManager.read.getLease([1n]);
      assert.equal(lease.stableCollateral, stable("200"));
      assert.equal(lease.ttCollateral, parseEther("200"));
      assert.equal(await p.leaseManager.read.isRepairClaimed([repairId]), true);
      const { disputeDeadline } = await p.leaseManager.read.getClaim([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.settleClaim([1n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerDisputeWindowOpen",
        [1n, disputeDeadline],
      );
      await networkHelpers.time.increase(params.disputeWindow + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.settleClaim([1n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerNotLessor",
        [1n, getAddress(p.bob.account.address)],
      );
      const before = await p.ttToken.read.balanceOf([p.alice.account.address]);
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.settleClaim([1n], { account: p.alice.account }),
        p.leaseManager,
        "ClaimSettled",
        [1n, true, stable("100"), parseEther("50"), 0n],
      );
      assert.equal(await p.ttToken.read.balanceOf([p.alice.account.address]), before + parseEther("50"));
      await p.leaseManager.write.withdrawCollateral([1n], { account: p.bob.account });
      assert.equal((await p.leaseManager.read.getLease([1n])).state, 4);
    });

    it("refuses anyone but the lessor, an empty claim, more than is held, and after the window", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      const repairId = await recordRepair(p);
      await p.leaseManager.write.attestDamage([1n, repairId, p.providerPosition, parseEther("10000")], {
        account: p.provider.account,
      });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.claimCollateral([1n, 1n, 0n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerNotLessor",
        [1n, getAddress(p.bob.account.address)],
      );
      await viem.assertions.revertWithCustomError(
        p.leaseManager.write.claimCollateral([1n, 0n, 0n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerEmptyClaim",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.claimCollateral([1n, stable("301"), 0n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerClaimExceedsCollateral",
        [1n, stable("300"), parseEther("250")],
      );
      await networkHelpers.time.increase(params.claimWindow + 1n);
      const { claimDeadline } = await p.leaseManager.read.getLease([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.claimCollateral([1n, 1n, 0n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerClaimWindowClosed",
        [1n, claimDeadline],
      );
    });
  });

  describe("disputes", () => {
    it("refunds a claim the arbiter finds false and proposes a slash of the provider for the lessee", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await attestAndClaim(p);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.disputeClaim([1n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerNotLessee",
        [1n, getAddress(p.alice.account.address)],
      );
      await viem.assertions.emit(
        p.leaseManager.write.disputeClaim([1n], { account: p.bob.account }),
        p.leaseManager,
        "ClaimDisputed",
      );
      // The provider cannot run while the dispute is open.
      const position = await p.staking.read.getPosition([p.providerPosition]);
      assert.ok(position.heldUntil > BigInt((await p.publicClient.getBlock()).timestamp) + params.disputeWindow);
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.resolveDispute([1n, true, parseEther("400")]),
        p.leaseManager,
        "ClaimSettled",
        [1n, false, stable("100"), parseEther("50"), 1n],
      );
      const slash = await p.staking.read.getSlash([1n]);
      assert.equal(slash.positionId, p.providerPosition);
      assert.equal(slash.beneficiary, getAddress(p.bob.account.address));
      assert.equal(slash.amount, parseEther("400"));
      await networkHelpers.time.increase(params.claimWindow + 1n);
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.withdrawCollateral([1n], { account: p.bob.account }),
        p.leaseManager,
        "CollateralWithdrawn",
        [1n, getAddress(p.bob.account.address), stable("300"), parseEther("250")],
      );
    });

    it("pays a claim the arbiter upholds", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await attestAndClaim(p);
      await p.leaseManager.write.disputeClaim([1n], { account: p.bob.account });
      await viem.assertions.revertWithCustomError(
        p.leaseManager.write.resolveDispute([1n, false, 0n], { account: p.alice.account }),
        p.leaseManager,
        "AccessControlUnauthorizedAccount",
      );
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.resolveDispute([1n, false, 0n]),
        p.leaseManager,
        "ClaimSettled",
        [1n, true, stable("100"), parseEther("50"), 0n],
      );
      assert.equal(await p.staking.read.slashCount(), 0n);
    });

    it("refunds a dispute left undecided past the arbitration window, and refuses late rulings", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await attestAndClaim(p);
      await p.leaseManager.write.disputeClaim([1n], { account: p.bob.account });
      const { arbitrationDeadline } = await p.leaseManager.read.getClaim([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.settleClaim([1n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerArbitrationOpen",
        [1n, arbitrationDeadline],
      );
      await networkHelpers.time.increase(params.arbitrationWindow + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.resolveDispute([1n, false, 0n]),
        p.leaseManager,
        "LeaseManagerArbitrationClosed",
        [1n, arbitrationDeadline],
      );
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.settleClaim([1n], { account: p.other.account }),
        p.leaseManager,
        "ClaimSettled",
        [1n, false, stable("100"), parseEther("50"), 0n],
      );
    });

    it("refuses a dispute after the dispute window", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await attestAndClaim(p);
      const { disputeDeadline } = await p.leaseManager.read.getClaim([1n]);
      await networkHelpers.time.increase(params.disputeWindow + 1n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.disputeClaim([1n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerDisputeWindowClosed",
        [1n, disputeDeadline],
      );
    });

    it("keeps a pending claim's collateral while the lessee withdraws the rest", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await attestAndClaim(p);
      await p.leaseManager.write.disputeClaim([1n], { account: p.bob.account });
      await networkHelpers.time.increase(params.claimWindow + 1n);
      await p.leaseManager.write.withdrawCollateral([1n], { account: p.bob.account });
      assert.equal((await p.leaseManager.read.getLease([1n])).state, 3);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.withdrawCollateral([1n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerNothingToWithdraw",
        [1n],
      );
      await p.leaseManager.write.resolveDispute([1n, false, 0n]);
      assert.equal((await p.leaseManager.read.getLease([1n])).state, 4);
    });
  });

  describe("attack: a frozen lessor holds up the lessee's exit (issue 18, low)", () => {
    it("lets the lessee end the lease and take its collateral back while the lessor is frozen", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const frozenEuro = await viem.deployContract("FreezableToken");
      const leases = await viem.deployContract("LeaseManager", [
        p.unitToken.address,
        frozenEuro.address,
        p.ttToken.address,
        p.priceOracle.address,
        p.feeRouter.address,
        p.repairRegistry.address,
        p.staking.address,
        leaseParameters,
        0,
        p.admin.account.address,
      ]);
      await p.feeRouter.write.grantRole([await p.feeRouter.read.FEE_COLLECTOR_ROLE(), leases.address]);
      await p.unitToken.write.grantRole([await p.unitToken.read.USER_MANAGER_ROLE(), leases.address]);
      const unit = await mintAnchoredUnit(p, "SN-frozen");
      await p.unitToken.write.approve([leases.address, unit.unitId], { account: p.alice.account });
      await leases.write.createLeaseOffer([unit.unitId, 1_000_000n, 5, 0n], { account: p.alice.account });
      await frozenEuro.write.mint([p.bob.account.address, stable("1000")]);
      await frozenEuro.write.approve([leases.address, stable("1000")], { account: p.bob.account });
      await leases.write.acceptLease([1n, 2, stable("500"), 0n], { account: p.bob.account });
      await frozenEuro.write.setFrozen([p.alice.account.address, true]);
      await networkHelpers.time.increase(2n * DAY);
      await leases.write.endLease([1n], { account: p.bob.account });
      await networkHelpers.time.increase(params.claimWindow + 1n);
      await leases.write.withdrawCollateral([1n], { account: p.bob.account });
      assert.equal(await frozenEuro.read.balanceOf([p.bob.account.address]), stable("1000") - 2_000_000n);
      assert.equal((await p.unitToken.read.ownerOf([unit.unitId])).toLowerCase(), p.alice.account.address);
    });
  });

  describe("withdrawCollateral", () => {
    it("returns the remaining collateral to the lessee after the window", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      await networkHelpers.time.increase(params.claimWindow + 1n);
      await viem.assertions.emitWithArgs(
        p.leaseManager.write.withdrawCollateral([1n], { account: p.bob.account }),
        p.leaseManager,
        "CollateralWithdrawn",
        [1n, p.bob.account.address, stable("300"), parseEther("250")],
      );
      await p.leaseManager.write.withdrawRent([1n], { account: p.alice.account });
      assert.equal(await p.devStableToken.read.balanceOf([p.leaseManager.address]), 0n);
      assert.equal(await p.ttToken.read.balanceOf([p.leaseManager.address]), 0n);
      assert.equal((await p.leaseManager.read.getLease([1n])).state, 4);
    });

    it("refuses while the window is open", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      const { claimDeadline } = await p.leaseManager.read.getLease([1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.withdrawCollateral([1n], { account: p.bob.account }),
        p.leaseManager,
        "LeaseManagerClaimWindowOpen",
        [1n, claimDeadline],
      );
    });

    it("refuses anyone but the lessee", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      await acceptAndEnd(p);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.leaseManager.write.withdrawCollateral([1n], { account: p.alice.account }),
        p.leaseManager,
        "LeaseManagerNotLessee",
        [1n, p.alice.account.address],
      );
    });
  });

  describe("constructor", () => {
    it("refuses a fee above the maximum", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const args = [
        p.unitToken.address,
        p.devStableToken.address,
        p.ttToken.address,
        p.priceOracle.address,
        p.feeRouter.address,
        p.repairRegistry.address,
        p.staking.address,
      ] as const;
      const admin = p.admin.account.address;
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("LeaseManager", [...args, { ...leaseParameters, leaseFeeBps: 1_001 }, 0, admin]),
        p.leaseManager,
        "LeaseManagerInvalidBps",
        [1_001n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("LeaseManager", [...args, { ...leaseParameters, ttHaircutBps: 10_001 }, 0, admin]),
        p.leaseManager,
        "LeaseManagerInvalidBps",
        [10_001n],
      );
    });
  });

  describe("reentrancy", () => {
    it("refuses re-entry from a malicious stable token", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const evil = await viem.deployContract("ReentrantToken");
      const evilLeases = await viem.deployContract("LeaseManager", [
        p.unitToken.address,
        evil.address,
        p.ttToken.address,
        p.priceOracle.address,
        p.feeRouter.address,
        p.repairRegistry.address,
        p.staking.address,
        leaseParameters,
        0,
        p.admin.account.address,
      ]);
      const unit = await mintAnchoredUnit(p, "SN-evil-stable");
      await p.unitToken.write.approve([evilLeases.address, unit.unitId], { account: p.alice.account });
      await evilLeases.write.createLeaseOffer([unit.unitId, 10n, 5, 0n], { account: p.alice.account });
      await evil.write.mint([p.bob.account.address, 1000n]);
      await evil.write.approve([evilLeases.address, 1000n], { account: p.bob.account });
      // The token's transferFrom during acceptLease calls acceptLease again.
      await evil.write.arm([
        evilLeases.address,
        encodeFunctionData({ abi: evilLeases.abi, functionName: "acceptLease", args: [1n, 1, 0n, 0n] }),
      ]);
      await viem.assertions.revertWithCustomError(
        evilLeases.write.acceptLease([1n, 1, 0n, 0n], { account: p.bob.account }),
        evilLeases,
        "ReentrancyGuardReentrantCall",
      );
    });

    it("refuses re-entry from a malicious lessee contract receiving nothing but calling back", async () => {
      const p = await networkHelpers.loadFixture(deployLeaseManagerFixture);
      const receiver = await viem.deployContract("ReentrantReceiver");
      const unit = await mintAnchoredUnit(p, "SN-evil", p.alice);
      await p.unitToken.write.transferFrom([p.alice.account.address, receiver.address, unit.unitId], {
        account: p.alice.account,
      });
      await receiver.write.execute([
        p.unitToken.address,
        encodeFunctionData({
          abi: p.unitToken.abi,
          functionName: "approve",
          args: [p.leaseManager.address, unit.unitId],
        }),
      ]);
      await receiver.write.execute([
        p.leaseManager.address,
        encodeFunctionData({
          abi: p.leaseManager.abi,
          functionName: "createLeaseOffer",
          args: [unit.unitId, RATE, 1, 0n],
        }),
      ]);
      // Cancelling sends the unit back with safeTransferFrom; the receiver tries to cancel again from its hook.
      await receiver.write.arm([
        p.leaseManager.address,
        encodeFunctionData({ abi: p.leaseManager.abi, functionName: "cancelLeaseOffer", args: [2n] }),
      ]);
      await viem.assertions.revertWithCustomError(
        receiver.write.execute([
          p.leaseManager.address,
          encodeFunctionData({ abi: p.leaseManager.abi, functionName: "cancelLeaseOffer", args: [2n] }),
        ]),
        p.leaseManager,
        "ReentrancyGuardReentrantCall",
      );
    });
  });
});
