import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, getAddress, parseEther } from "viem";
import { deployProtocol, FeeKind, mintAnchoredUnit, params, unitIds, ZERO_HASH } from "./helpers/protocol.ts";

const PRICE = parseEther("100");
const FEE = (PRICE * BigInt(params.saleFeeBps)) / 10_000n;

describe("Marketplace", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployMarketplaceFixture() {
    const p = await deployProtocol(connection);
    const unit = await mintAnchoredUnit(p, "SN-M");
    await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
    await p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE], { account: p.alice.account });
    await p.ttToken.write.approve([p.marketplace.address, parseEther("1000")], { account: p.bob.account });
    return { ...p, ...unit };
  }

  describe("createListing", () => {
    it("escrows the unit and records its latest passport hash", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const unit = await mintAnchoredUnit(p, "SN-M2");
      await p.unitToken.write.approve([p.marketplace.address, unit.unitId], { account: p.alice.account });
      await viem.assertions.emitWithArgs(
        p.marketplace.write.createListing([unit.unitId, p.devStableToken.address, 5n], { account: p.alice.account }),
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
        p.marketplace.write.createListing([1n, p.staking.address, 1n], { account: p.alice.account }),
        p.marketplace,
        "MarketplaceTokenNotAllowed",
        [p.staking.address],
      );
    });

    it("refuses a zero price", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomError(
        p.marketplace.write.createListing([1n, p.ttToken.address, 0n], { account: p.alice.account }),
        p.marketplace,
        "MarketplaceZeroPrice",
      );
    });

    it("refuses a seller who does not own the unit", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const unit = await mintAnchoredUnit(p, "SN-M3");
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.createListing([unit.unitId, p.ttToken.address, 1n], { account: p.bob.account }),
        p.marketplace,
        "MarketplaceNotUnitOwner",
        [unit.unitId, p.bob.account.address],
      );
    });

    it("refuses a unit whose passport is not anchored", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const { publicId, unitId } = unitIds("SN-bare");
      await p.unitToken.write.mint([p.alice.account.address, publicId], { account: p.manufacturer.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.createListing([unitId, p.ttToken.address, 1n], { account: p.alice.account }),
        p.marketplace,
        "MarketplacePassportNotAnchored",
        [unitId],
      );
    });
  });

  describe("buy", () => {
    it("pays the seller minus the fee, the fee to the router, and the unit to the buyer", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      const sellerBefore = await p.ttToken.read.balanceOf([p.alice.account.address]);
      const owedBefore = await p.feeRouter.read.owed([p.ttToken.address]);
      await viem.assertions.emitWithArgs(
        p.marketplace.write.buy([1n], { account: p.bob.account }),
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
      await p.marketplace.write.buy([1n], { account: p.bob.account });
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
      await p.marketplace.write.buy([1n], { account: p.bob.account });
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.buy([1n], { account: p.bob.account }),
        p.marketplace,
        "MarketplaceListingNotActive",
        [1n, 2],
      );
    });

    it("refuses the seller as buyer", async () => {
      const p = await networkHelpers.loadFixture(deployMarketplaceFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.marketplace.write.buy([1n], { account: p.alice.account }),
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
      await p.marketplace.write.createListing([unit.unitId, p.ttToken.address, PRICE], { account: p.alice.account });
      const owedBefore = await p.feeRouter.read.owed([p.ttToken.address]);
      await p.marketplace.write.buy([2n], { account: p.bob.account });
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
      await p.marketplace.write.createListing([unit.unitId, evil.address, PRICE], { account: p.alice.account });
      await evil.write.mint([p.bob.account.address, PRICE]);
      await evil.write.approve([p.marketplace.address, PRICE], { account: p.bob.account });
      await evil.write.arm([
        p.marketplace.address,
        encodeFunctionData({ abi: p.marketplace.abi, functionName: "buy", args: [1n] }),
      ]);
      await viem.assertions.revertWithCustomError(
        p.marketplace.write.buy([2n], { account: p.bob.account }),
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
          encodeFunctionData({ abi: p.marketplace.abi, functionName: "buy", args: [1n] }),
        ]),
        p.marketplace,
        "ReentrancyGuardReentrantCall",
      );
    });
  });
});
