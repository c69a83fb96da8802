import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, type Hex, keccak256, parseEther, toHex } from "viem";
import { passportIdOfHash } from "../passport/passportId.ts";
import {
  deployProtocol,
  FeeKind,
  mintAnchoredUnit,
  OTHER_ORG_ID,
  params,
  unitIds,
  ZERO_HASH,
} from "./helpers/protocol.ts";

const PRICE = parseEther("100");
const FEE = (PRICE * BigInt(params.saleFeeBps)) / 10_000n;

describe("Marketplace", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployMarketplaceFixture() {
    const p = await deployProtocol(connection);
    const unit = await mintAnchoredUnit(p, "SN-M");
    await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
    await p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
      account: p.alice.account,
    });
    await p.ttToken.write.approve([p.marketplace.address, parseEther("1000")], { account: p.bob.account });
    return { ...p, ...unit };
  }

  type Fixture = Awaited<ReturnType<typeof deployMarketplaceFixture>>;

  /**
   * Mints unit `serial` to alice and anchors version 1 of its passport only in a Merkle batch (with another leaf),
   * anchored by `attester` (the unit's own manufacturer unless said otherwise); returns the batch proof.
   */
  async function mintBatchAnchoredUnit(p: Fixture, serial: string, attester = p.manufacturer) {
    const { publicId, publicIdHash, passportId, unitId } = unitIds(serial);
    await p.unitToken.write.mint([p.alice.account.address, publicId], { account: p.manufacturer.account });
    const passportRoot = keccak256(toHex(`${publicId}#batched`));
    const leaves: [Hex, bigint, Hex][] = [
      [passportId, 1n, passportRoot],
      [keccak256(toHex(`${serial}-other`)), 1n, keccak256(toHex("other"))],
    ];
    const tree = StandardMerkleTree.of(leaves, ["bytes32", "uint64", "bytes32"]);
    await p.ttToken.write.approve([p.passportRegistry.address, parseEther("1000")], { account: attester.account });
    await p.passportRegistry.write.anchorBatch([tree.root as Hex, 2, []], { account: attester.account });
    await p.unitToken.write.approve([p.marketplace.address, unitId], { account: p.alice.account });
    const proof = {
      publicIdHash,
      version: 1n,
      passportRoot,
      batchRoot: tree.root as Hex,
      proof: tree.getProof(0) as Hex[],
    };
    return { unitId, passportId, passportRoot, proof };
  }

  describe("pause (issue 18, low: an emergency stop that never blocks an exit)", () => {
    it("stops new listings and purchases while sellers still cancel", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomError(
        p.marketplace.write.pause({ account: p.bob.account }),
        p.marketplace,
        "AccessControlUnauthorizedAccount",
      );
      await p.marketplace.write.pause();
      await viem.assertions.revertWithCustomError(
        p.marketplace.write.buy([1n, p.proof], { account: p.bob.account }),
        p.marketplace,
        "EnforcedPause",
      );
      const unit = await mintAnchoredUnit(p, "SN-paused");
      await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
      await viem.assertions.revertWithCustomError(
        p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
          account: p.alice.account,
        }),
        p.marketplace,
        "EnforcedPause",
      );
      await p.marketplace.write.cancelListing([1n], { account: p.alice.account });
      await p.marketplace.write.unpause();
      await p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
        account: p.alice.account,
      });
    });
  });

  describe("createListing", () => {
    it("escrows the unit and records its latest passport hash", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const unit = await mintAnchoredUnit(p, "SN-M2");
      await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
      await viem.assertions.emitWithArgs(
        p.marketplace.write.createListing([unit.unitId, p.devStableToken.address, 5n, unit.proof], {
          account: p.alice.account,
        }),
        p.marketplace,
        "ListingCreated",
        [2n, unit.unitId, p.alice.account.address, p.devStableToken.address, 5n, params.saleFeeBps, unit.hash, 1n],
      );
      assert.equal(await p.unitToken.read.ownerOf([unit.unitId]), p.marketplace.address);
      assert.equal(await p.marketplace.read.activeListingOf([unit.unitId]), 2n);
      assert.equal((await p.marketplace.read.getListing([2n])).passportHash, unit.hash);
      assert.equal(await p.marketplace.read.listingCount(), 2n);
    });

    it("refuses a token that is not allowed", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.createListing([1n, p.staking.address, 1n, p.proof], { account: p.alice.account }),
        p.marketplace,
        "MarketplaceTokenNotAllowed",
        [p.staking.address],
      );
    });

    it("refuses a zero price", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomError(
        p.marketplace.write.createListing([1n, p.ttToken.address, 0n, p.proof], { account: p.alice.account }),
        p.marketplace,
        "MarketplaceZeroPrice",
      );
    });

    it("refuses a seller who does not own the unit", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const unit = await mintAnchoredUnit(p, "SN-M3");
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.createListing([unit.unitId, p.ttToken.address, 1n, unit.proof], { account: p.bob.account }),
        p.marketplace,
        "MarketplaceNotUnitOwner",
        [unit.unitId, p.bob.account.address],
      );
    });

    it("refuses a unit whose passport is not anchored", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const { publicId, publicIdHash, unitId } = unitIds("SN-bare");
      await p.unitToken.write.mint([p.alice.account.address, publicId], { account: p.manufacturer.account });
      const unanchored = { ...p.proof, publicIdHash };
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.createListing([unitId, p.ttToken.address, 1n, unanchored], { account: p.alice.account }),
        p.marketplace,
        "MarketplacePassportNotProven",
        [unitId],
      );
    });

    it("lists a unit whose passport was anchored only in a batch, in one action with its proof", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const unit = await mintBatchAnchoredUnit(p, "SN-batch");
      await p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
        account: p.alice.account,
      });
      const listing = await p.marketplace.read.getListing([2n]);
      assert.equal(listing.passportHash, unit.passportRoot);
      assert.equal(listing.passportVersion, 1n);
    });

    it("refuses a version another organisation anchored in its own batch", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await p.passportRegistry.write.grantManufacturer([p.bob.account.address, OTHER_ORG_ID]);
      const unit = await mintBatchAnchoredUnit(p, "SN-rogue", p.bob);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
          account: p.alice.account,
        }),
        p.marketplace,
        "MarketplacePassportNotProven",
        [unit.unitId],
      );
      assert.notEqual(passportIdOfHash(OTHER_ORG_ID, unit.proof.publicIdHash), unit.passportId);
    });

    it("refuses a version older than the latest recorded on chain", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const unit = await mintAnchoredUnit(p, "SN-old");
      const v2 = keccak256(toHex("v2"));
      await p.passportRegistry.write.anchorPassport([unit.publicIdHash, 2n, v2, unit.hash], {
        account: p.manufacturer.account,
      });
      await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
          account: p.alice.account,
        }),
        p.marketplace,
        "MarketplacePassportOutdated",
        [unit.unitId, 1n, 2n],
      );
    });
  });

  describe("buy", () => {
    it("pays the seller minus the fee, the fee to the router, and the unit to the buyer", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const sellerBefore = await p.ttToken.read.balanceOf([p.alice.account.address]);
      const owedBefore = await p.feeRouter.read.owed([p.ttToken.address]);
      await viem.assertions.emitWithArgs(
        p.marketplace.write.buy([1n, p.proof], { account: p.bob.account }),
        p.marketplace,
        "ListingSold",
        [1n, p.unitId, p.bob.account.address, p.alice.account.address, p.ttToken.address, PRICE, FEE],
      );
      assert.equal(await p.ttToken.read.balanceOf([p.alice.account.address]), sellerBefore + PRICE - FEE);
      assert.equal((await p.unitToken.read.ownerOf([p.unitId])).toLowerCase(), p.bob.account.address);
      assert.equal(await p.feeRouter.read.owed([p.ttToken.address]), owedBefore + FEE);
      assert.equal((await p.marketplace.read.getListing([1n])).state, 2);
    });

    it("emits exactly one FeeEvent whose ref is the listing id", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const block = await p.publicClient.getBlockNumber();
      await p.marketplace.write.buy([1n, p.proof], { account: p.bob.account });
      const fees = await p.feeRouter.getEvents.FeeEvent({}, { fromBlock: block + 1n });
      assert.equal(fees.length, 1);
      assert.deepEqual(fees[0]!.args, {
        kind: FeeKind.Sale,
        payer: getAddress(p.bob.account.address),
        token: p.ttToken.address,
        amount: FEE,
        ref: `0x${"1".padStart(64, "0")}`,
      });
    });

    it("refuses an inactive listing", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await p.marketplace.write.buy([1n, p.proof], { account: p.bob.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.buy([1n, p.proof], { account: p.bob.account }),
        p.marketplace,
        "MarketplaceListingNotActive",
        [1n, 2],
      );
    });

    it("refuses to settle once the listed version's batch is revoked", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const unit = await mintBatchAnchoredUnit(p, "SN-revoked");
      await p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
        account: p.alice.account,
      });
      await p.passportRegistry.write.revokeBatch([unit.proof.batchRoot], { account: p.manufacturer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.buy([2n, unit.proof], { account: p.bob.account }),
        p.marketplace,
        "MarketplacePassportNotProven",
        [unit.unitId],
      );
    });

    it("refuses to settle once the listed version is revoked on its own", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await p.passportRegistry.write.revokePassportVersion([p.passportId, 1n], { account: p.manufacturer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.buy([1n, p.proof], { account: p.bob.account }),
        p.marketplace,
        "MarketplacePassportNotProven",
        [p.unitId],
      );
    });

    it("refuses a buyer's proof of another passport version than the one listed", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const other = { ...p.proof, passportRoot: keccak256(toHex("not what was listed")) };
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.buy([1n, other], { account: p.bob.account }),
        p.marketplace,
        "MarketplacePassportChanged",
        [1n, p.hash, other.passportRoot],
      );
    });

    it("refuses the seller as buyer", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.buy([1n, p.proof], { account: p.alice.account }),
        p.marketplace,
        "MarketplaceSellerIsBuyer",
        [1n],
      );
    });

    it("takes no fee at a zero fee rate", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await p.marketplace.write.setSaleFeeBps([0]);
      const unit = await mintAnchoredUnit(p, "SN-free");
      await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
      await p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE, unit.proof], {
        account: p.alice.account,
      });
      const owedBefore = await p.feeRouter.read.owed([p.ttToken.address]);
      await p.marketplace.write.buy([2n, unit.proof], { account: p.bob.account });
      assert.equal(await p.feeRouter.read.owed([p.ttToken.address]), owedBefore);
    });
  });

  describe("cancelListing", () => {
    it("returns the unit to the seller", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.emitWithArgs(
        p.marketplace.write.cancelListing([1n], { account: p.alice.account }),
        p.marketplace,
        "ListingCancelled",
        [1n, p.unitId, p.alice.account.address],
      );
      assert.equal((await p.unitToken.read.ownerOf([p.unitId])).toLowerCase(), p.alice.account.address);
      assert.equal(await p.marketplace.read.activeListingOf([p.unitId]), 0n);
    });

    it("refuses anyone but the seller", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.cancelListing([1n], { account: p.bob.account }),
        p.marketplace,
        "MarketplaceNotSeller",
        [1n, p.bob.account.address],
      );
    });

    it("refuses an unknown listing", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.cancelListing([9n], { account: p.alice.account }),
        p.marketplace,
        "MarketplaceListingNotActive",
        [9n, 0],
      );
    });
  });

  describe("admin", () => {
    it("allows and disallows payment tokens", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.emitWithArgs(
        p.marketplace.write.setPaymentTokenAllowed([p.devStableToken.address, false]),
        p.marketplace,
        "PaymentTokenAllowed",
        [p.devStableToken.address, false],
      );
      assert.equal(await p.marketplace.read.isPaymentTokenAllowed([p.devStableToken.address]), false);
    });

    it("sets the sale fee", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.emitWithArgs(p.marketplace.write.setSaleFeeBps([100]), p.marketplace, "SaleFeeUpdated", [
        params.saleFeeBps,
        100,
      ]);
      assert.equal(await p.marketplace.read.saleFeeBps(), 100);
    });

    it("refuses a sale fee above the maximum", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.setSaleFeeBps([1_001]),
        p.marketplace,
        "MarketplaceInvalidFeeBps",
        [1_001n],
      );
    });

    it("refuses a constructor fee above the maximum", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("Marketplace", [
          p.unitToken.address,
          p.passportRegistry.address,
          p.feeRouter.address,
          1_001,
          p.admin.account.address,
        ]),
        p.marketplace,
        "MarketplaceInvalidFeeBps",
        [1_001n],
      );
    });

    it("reverts admin calls from a non-admin", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.setPaymentTokenAllowed([p.ttToken.address, false], { account: p.bob.account }),
        p.marketplace,
        "AccessControlUnauthorizedAccount",
        [p.bob.account.address, ZERO_HASH],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.setSaleFeeBps([1], { account: p.bob.account }),
        p.marketplace,
        "AccessControlUnauthorizedAccount",
        [p.bob.account.address, ZERO_HASH],
      );
    });
  });

  describe("reentrancy", () => {
    it("refuses re-entry from a malicious payment token", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const evil = await viem.deployContract("ReentrantToken");
      await p.marketplace.write.setPaymentTokenAllowed([evil.address, true]);
      const unit = await mintAnchoredUnit(p, "SN-evil");
      await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
      await p.marketplace.write.createListing([unit.unitId, evil.address, PRICE, unit.proof], {
        account: p.alice.account,
      });
      await evil.write.mint([p.bob.account.address, PRICE]);
      await evil.write.approve([p.marketplace.address, PRICE], { account: p.bob.account });
      await evil.write.arm([
        p.marketplace.address,
        encodeFunctionData({ abi: p.marketplace.abi, functionName: "buy", args: [1n, p.proof] }),
      ]);
      await viem.assertions.revertWithCustomError(
        p.marketplace.write.buy([2n, unit.proof], { account: p.bob.account }),
        p.marketplace,
        "ReentrancyGuardReentrantCall",
      );
    });

    it("refuses re-entry from a malicious unit receiver", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const receiver = await viem.deployContract("ReentrantReceiver");
      await p.ttToken.write.transfer([receiver.address, PRICE], { account: p.bob.account });
      await receiver.write.execute([
        p.ttToken.address,
        encodeFunctionData({ abi: p.ttToken.abi, functionName: "approve", args: [p.marketplace.address, PRICE] }),
      ]);
      await receiver.write.arm([
        p.marketplace.address,
        encodeFunctionData({ abi: p.marketplace.abi, functionName: "cancelListing", args: [1n] }),
      ]);
      await viem.assertions.revertWithCustomError(
        receiver.write.execute([
          p.marketplace.address,
          encodeFunctionData({ abi: p.marketplace.abi, functionName: "buy", args: [1n, p.proof] }),
        ]),
        p.marketplace,
        "ReentrancyGuardReentrantCall",
      );
    });
  });
});
