import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, toHex } from "viem";
import { passportIdOf } from "../passport/passportId.ts";
import { deployProtocol, ORG_ID, OTHER_ORG_ID, unitIds, ZERO_ADDRESS } from "./helpers/protocol.ts";

const USER_MANAGER_ROLE = keccak256(toHex("USER_MANAGER_ROLE"));

describe("UnitToken", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployUnitTokenFixture() {
    const p = await deployProtocol(connection);
    // A test user manager, so ERC-4907 can be exercised without a lease.
    await p.unitToken.write.grantRole([USER_MANAGER_ROLE, p.other.account.address]);
    const { publicId, unitId } = unitIds("SN-1");
    await p.unitToken.write.mint([p.alice.account.address, publicId], { account: p.manufacturer.account });
    return { ...p, publicId, unitId };
  }

  describe("mint", () => {
    it("mints the unit whose id is the passport id of the minter's organisation and the public id", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      const { publicId, unitId } = unitIds("SN-2");
      await viem.assertions.emitWithArgs(
        p.unitToken.write.mint([p.bob.account.address, publicId], { account: p.manufacturer.account }),
        p.unitToken,
        "UnitMinted",
        [unitId, p.bob.account.address, ORG_ID, p.manufacturer.account.address, publicId],
      );
      assert.equal((await p.unitToken.read.ownerOf([unitId])).toLowerCase(), p.bob.account.address);
      assert.equal(await p.unitToken.read.unitIdOf([ORG_ID, publicId]), unitId);
      assert.equal(unitId, BigInt(passportIdOf(ORG_ID, publicId)));
      assert.equal(await p.unitToken.read.passportIdOf([unitId]), unitIds("SN-2").passportId);
    });

    it("lets no other organisation mint a passport's unit first", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      await p.passportRegistry.write.grantManufacturer([p.bob.account.address, OTHER_ORG_ID]);
      const { publicId, unitId } = unitIds("SN-3");
      await p.unitToken.write.mint([p.bob.account.address, publicId], { account: p.bob.account });
      assert.equal(await p.unitToken.read.balanceOf([p.bob.account.address]), 1n);
      await p.unitToken.write.mint([p.alice.account.address, publicId], { account: p.manufacturer.account });
      assert.equal((await p.unitToken.read.ownerOf([unitId])).toLowerCase(), p.alice.account.address);
    });

    it("refuses a non-manufacturer", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.unitToken.write.mint([p.bob.account.address, "x"], { account: p.bob.account }),
        p.unitToken,
        "UnitTokenNotManufacturer",
        [p.bob.account.address],
      );
    });

    it("refuses an empty passport id", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      await viem.assertions.revertWithCustomError(
        p.unitToken.write.mint([p.bob.account.address, ""], { account: p.manufacturer.account }),
        p.unitToken,
        "UnitTokenEmptyPassportId",
      );
    });

    it("refuses a unit minted twice", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.unitToken.write.mint([p.bob.account.address, p.publicId], { account: p.manufacturer.account }),
        p.unitToken,
        "ERC721InvalidSender",
        [ZERO_ADDRESS],
      );
    });
  });

  describe("ERC-4907", () => {
    it("sets a user until an expiry", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      const expires = BigInt(await networkHelpers.time.latest()) + 100n;
      await viem.assertions.emitWithArgs(
        p.unitToken.write.setUser([p.unitId, p.bob.account.address, expires], { account: p.other.account }),
        p.unitToken,
        "UpdateUser",
        [p.unitId, p.bob.account.address, expires],
      );
      assert.equal((await p.unitToken.read.userOf([p.unitId])).toLowerCase(), p.bob.account.address);
      assert.equal(await p.unitToken.read.userExpires([p.unitId]), expires);
    });

    it("reports no user after the expiry", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      const expires = BigInt(await networkHelpers.time.latest()) + 100n;
      await p.unitToken.write.setUser([p.unitId, p.bob.account.address, expires], { account: p.other.account });
      await networkHelpers.time.increase(101);
      assert.equal(await p.unitToken.read.userOf([p.unitId]), ZERO_ADDRESS);
    });

    it("clears the user on transfer", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      const expires = BigInt(await networkHelpers.time.latest()) + 100n;
      await p.unitToken.write.setUser([p.unitId, p.bob.account.address, expires], { account: p.other.account });
      await viem.assertions.emitWithArgs(
        p.unitToken.write.transferFrom([p.alice.account.address, p.bob.account.address, p.unitId], {
          account: p.alice.account,
        }),
        p.unitToken,
        "UpdateUser",
        [p.unitId, ZERO_ADDRESS, 0n],
      );
      assert.equal(await p.unitToken.read.userOf([p.unitId]), ZERO_ADDRESS);
      assert.equal(await p.unitToken.read.userExpires([p.unitId]), 0n);
    });

    it("refuses setUser from anyone but the user manager", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.unitToken.write.setUser([p.unitId, p.bob.account.address, 1n], { account: p.alice.account }),
        p.unitToken,
        "AccessControlUnauthorizedAccount",
        [p.alice.account.address, USER_MANAGER_ROLE],
      );
    });

    it("refuses setUser for an unknown unit", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.unitToken.write.setUser([7n, p.bob.account.address, 1n], { account: p.other.account }),
        p.unitToken,
        "ERC721NonexistentToken",
        [7n],
      );
    });

    it("supports the ERC-4907, ERC-721 and AccessControl interfaces", async () => {
      const p = await networkHelpers.loadFixture(deployUnitTokenFixture);
      assert.equal(await p.unitToken.read.supportsInterface(["0xad092b5c"]), true);
      assert.equal(await p.unitToken.read.supportsInterface(["0x80ac58cd"]), true);
      assert.equal(await p.unitToken.read.supportsInterface(["0x7965db0b"]), true);
      assert.equal(await p.unitToken.read.supportsInterface(["0xffffffff"]), false);
    });
  });
});
