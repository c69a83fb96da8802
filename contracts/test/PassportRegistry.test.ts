import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { network } from "hardhat";
import { getAddress, type Hex, keccak256, parseEther, toHex } from "viem";
import { passportIdOfHash } from "../passport/passportId.ts";
import { deployProtocol, FeeKind, ORG_ID, OTHER_ORG_ID, params, ZERO_HASH } from "./helpers/protocol.ts";

const id = (label: string) => keccak256(toHex(label));
/** The passport id the registry derives for the organisation's public id hash `P`. */
const P = passportIdOfHash(ORG_ID, id("p"));

describe("PassportRegistry", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployPassportRegistryFixture() {
    const p = await deployProtocol(connection);
    await p.ttToken.write.approve([p.passportRegistry.address, parseEther("1000")], {
      account: p.manufacturer.account,
    });
    await p.ttToken.write.approve([p.passportRegistry.address, parseEther("1000")], { account: p.bob.account });
    await p.passportRegistry.write.grantManufacturer([p.bob.account.address, OTHER_ORG_ID]);
    const publicIdHashes = [1, 2, 3, 4].map((i) => id(`passport-${i}`));
    const leaves: [Hex, bigint, Hex][] = publicIdHashes.map((hash, i) => [
      passportIdOfHash(ORG_ID, hash),
      1n,
      id(`content-${i + 1}`),
    ]);
    const tree = StandardMerkleTree.of(leaves, ["bytes32", "uint64", "bytes32"]);
    const publicIdHashOf = (passportId: Hex) => publicIdHashes[leaves.findIndex((leaf) => leaf[0] === passportId)]!;
    return { ...p, leaves, publicIdHashes, publicIdHashOf, tree, root: tree.root as Hex };
  }

  const asMaker = (p: { manufacturer: { account: unknown } }) => ({ account: p.manufacturer.account }) as never;

  describe("manufacturers", () => {
    it("grants a wallet to an organisation", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.grantManufacturer([p.alice.account.address, ORG_ID]),
        p.passportRegistry,
        "ManufacturerGranted",
        [p.alice.account.address, ORG_ID],
      );
      assert.equal(await p.passportRegistry.read.organisationOf([p.alice.account.address]), ORG_ID);
    });

    it("registers an organisation's name", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.registerOrganisation([ORG_ID, "Volta Cells GmbH"]),
        p.passportRegistry,
        "OrganisationRegistered",
        [ORG_ID, "Volta Cells GmbH"],
      );
      assert.equal(await p.passportRegistry.read.organisationName([ORG_ID]), "Volta Cells GmbH");
    });

    it("refuses an empty organisation name", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.registerOrganisation([ORG_ID, ""]),
        p.passportRegistry,
        "PassportRegistryEmptyName",
        [ORG_ID],
      );
    });

    it("refuses to name a zero organisation", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomError(
        p.passportRegistry.write.registerOrganisation([ZERO_HASH, "Nobody"]),
        p.passportRegistry,
        "PassportRegistryZeroOrganisation",
      );
    });

    it("refuses to register names for a non-admin", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.registerOrganisation([ORG_ID, "Forged"], { account: p.alice.account }),
        p.passportRegistry,
        "AccessControlUnauthorizedAccount",
        [p.alice.account.address, ZERO_HASH],
      );
    });

    it("refuses a zero organisation", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomError(
        p.passportRegistry.write.grantManufacturer([p.alice.account.address, ZERO_HASH]),
        p.passportRegistry,
        "PassportRegistryZeroOrganisation",
      );
    });

    it("revokes a wallet", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.revokeManufacturer([p.manufacturer.account.address]),
        p.passportRegistry,
        "ManufacturerRevoked",
        [p.manufacturer.account.address, ORG_ID],
      );
    });

    it("refuses to revoke a non-manufacturer", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.revokeManufacturer([p.alice.account.address]),
        p.passportRegistry,
        "PassportRegistryNotManufacturer",
        [p.alice.account.address],
      );
    });

    it("reverts grants by a non-admin", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.grantManufacturer([p.alice.account.address, ORG_ID], { account: p.alice.account }),
        p.passportRegistry,
        "AccessControlUnauthorizedAccount",
        [p.alice.account.address, ZERO_HASH],
      );
    });
  });

  describe("anchorPassport", () => {
    it("anchors version 1 and pays the fee through the router", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      const uid = await p.passportRegistry.read.anchorUid([P, 1n]);
      const tx = p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await viem.assertions.emitWithArgs(tx, p.passportRegistry, "PassportVersionAnchored", [
        P,
        1n,
        ORG_ID,
        id("h1"),
        ZERO_HASH,
        p.manufacturer.account.address,
        ZERO_HASH,
      ]);
      const logs = await p.feeRouter.getEvents.FeeEvent();
      assert.equal(logs.length, 1);
      assert.deepEqual(logs[0]!.args, {
        kind: FeeKind.Attestation,
        payer: getAddress(p.manufacturer.account.address),
        token: p.ttToken.address,
        amount: params.attestationFee,
        ref: uid,
      });
      assert.equal(await p.passportRegistry.read.isAnchored([P, 1n, id("h1")]), true);
      assert.deepEqual(await p.passportRegistry.read.latestPassportVersion([P]), [1n, id("h1")]);
      assert.equal(await p.passportRegistry.read.passportOrganisation([P]), ORG_ID);
      assert.equal((await p.passportRegistry.read.getPassportAnchor([P, 1n])).hash, id("h1"));
    });

    it("chains version 2 to version 1", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await p.passportRegistry.write.anchorPassport([id("p"), 2n, id("h2"), id("h1")], asMaker(p));
      assert.deepEqual(await p.passportRegistry.read.latestPassportVersion([P]), [2n, id("h2")]);
    });

    it("refuses a non-manufacturer", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], { account: p.alice.account }),
        p.passportRegistry,
        "PassportRegistryNotManufacturer",
        [p.alice.account.address],
      );
    });

    it("refuses a version that is not the next", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.anchorPassport([id("p"), 2n, id("h2"), ZERO_HASH], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryVersionNotNext",
        [P, 2n, 0n],
      );
    });

    it("refuses a previous hash that is not the latest", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.anchorPassport([id("p"), 2n, id("h2"), id("nope")], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryPreviousHashMismatch",
        [P, id("nope"), id("h1")],
      );
    });

    it("refuses an empty hash", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomError(
        p.passportRegistry.write.anchorPassport([id("p"), 1n, ZERO_HASH, ZERO_HASH], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryEmptyHash",
      );
    });

    it("anchors another organisation's same public id as that organisation's own passport", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("forged"), ZERO_HASH], { account: p.bob.account });
      const theirs = passportIdOfHash(OTHER_ORG_ID, id("p"));
      assert.deepEqual(await p.passportRegistry.read.latestPassportVersion([P]), [1n, id("h1")]);
      assert.equal(await p.passportRegistry.read.passportOrganisation([theirs]), OTHER_ORG_ID);
      assert.equal(await p.passportRegistry.read.passportIdOf([ORG_ID, id("p")]), P);
    });
  });

  describe("revokePassportVersion", () => {
    it("revokes a version", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.revokePassportVersion([P, 1n], asMaker(p)),
        p.passportRegistry,
        "PassportVersionRevoked",
        [P, 1n, ORG_ID, p.manufacturer.account.address],
      );
      assert.equal(await p.passportRegistry.read.isAnchored([P, 1n, id("h1")]), false);
      assert.deepEqual(await p.passportRegistry.read.latestPassportVersion([P]), [1n, ZERO_HASH]);
    });

    it("refuses twice", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await p.passportRegistry.write.revokePassportVersion([P, 1n], asMaker(p));
      const { revocationTime } = await p.passportRegistry.read.getPassportAnchor([P, 1n]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.revokePassportVersion([P, 1n], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryVersionRevoked",
        [P, 1n, revocationTime],
      );
    });

    it("refuses an unknown version", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.revokePassportVersion([P, 5n], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryUnknownVersion",
        [P, 5n],
      );
    });

    it("refuses another organisation", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.revokePassportVersion([P, 1n], { account: p.bob.account }),
        p.passportRegistry,
        "PassportRegistryWrongOrganisation",
        [P, ORG_ID, OTHER_ORG_ID],
      );
    });
  });

  describe("anchorBatch", () => {
    it("anchors a root-only batch with one fee for all leaves", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p)),
        p.passportRegistry,
        "PassportBatchAnchored",
        [p.root, ORG_ID, p.manufacturer.account.address, 4, false],
      );
      const [fee] = await p.feeRouter.getEvents.FeeEvent();
      assert.equal(fee!.args.amount, params.attestationFee * 4n);
      assert.equal(fee!.args.ref, p.root);
      assert.equal((await p.passportRegistry.getEvents.PassportAnchored()).length, 0);
      const [batch, revocationTime] = await p.passportRegistry.read.getBatch([p.root]);
      assert.equal(batch.leafCount, 4);
      assert.equal(revocationTime, 0n);
    });

    it("emits one PassportAnchored per passport when asked", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      const ids = p.leaves.map((leaf) => leaf[0]);
      await p.passportRegistry.write.anchorBatch([p.root, 4, p.publicIdHashes], asMaker(p));
      const events = await p.passportRegistry.getEvents.PassportAnchored();
      assert.deepEqual(
        events.map((e) => e.args),
        ids.map((passportId) => ({ passportId, root: p.root })),
      );
    });

    it("verifies a leaf proof from @openzeppelin/merkle-tree", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      const [passportId, version, passportRoot] = p.leaves[2]!;
      const proof = p.tree.getProof(2) as Hex[];
      assert.equal(
        await p.passportRegistry.read.passportLeaf([passportId, version, passportRoot]),
        p.tree.leafHash(p.leaves[2]!),
      );
      assert.equal(
        await p.passportRegistry.read.verifyPassportInBatch([p.root, passportId, version, passportRoot, proof]),
        true,
      );
      assert.equal(
        await p.passportRegistry.read.verifyPassportInBatch([p.root, passportId, 2n, passportRoot, proof]),
        false,
      );
    });

    it("refuses an empty root", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomError(
        p.passportRegistry.write.anchorBatch([ZERO_HASH, 4, []], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryEmptyHash",
      );
    });

    it("refuses an empty batch", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomError(
        p.passportRegistry.write.anchorBatch([p.root, 0, []], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryEmptyBatch",
      );
    });

    it("refuses per-passport ids that do not match the leaf count", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.anchorBatch([p.root, 4, [id("x")]], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryLeafCountMismatch",
        [4, 1n],
      );
    });

    it("refuses a root anchored twice", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryBatchExists",
        [p.root],
      );
    });
  });

  describe("revokeBatch", () => {
    it("revokes a batch so its leaves stop verifying", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.revokeBatch([p.root], asMaker(p)),
        p.passportRegistry,
        "PassportBatchRevoked",
        [p.root, ORG_ID, p.manufacturer.account.address],
      );
      const [passportId, version, passportRoot] = p.leaves[0]!;
      const proof = p.tree.getProof(0) as Hex[];
      assert.equal(
        await p.passportRegistry.read.verifyPassportInBatch([p.root, passportId, version, passportRoot, proof]),
        false,
      );
    });

    it("lets another wallet of the same organisation revoke", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await p.passportRegistry.write.grantManufacturer([p.alice.account.address, ORG_ID]);
      await viem.assertions.emit(
        p.passportRegistry.write.revokeBatch([p.root], { account: p.alice.account }),
        p.passportRegistry,
        "PassportBatchRevoked",
      );
    });

    it("refuses an unknown batch", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.revokeBatch([p.root], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryUnknownBatch",
        [p.root],
      );
    });

    it("refuses another organisation", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.revokeBatch([p.root], { account: p.bob.account }),
        p.passportRegistry,
        "PassportRegistryWrongOrganisation",
        [p.root, ORG_ID, OTHER_ORG_ID],
      );
    });

    it("refuses twice", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await p.passportRegistry.write.revokeBatch([p.root], asMaker(p));
      const [, revokedAt] = await p.passportRegistry.read.getBatch([p.root]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.revokeBatch([p.root], asMaker(p)),
        p.passportRegistry,
        "PassportRegistryBatchRevoked",
        [p.root, revokedAt],
      );
    });
  });

  describe("recordBatchedVersion", () => {
    it("records a proven batch leaf as the passport's latest version", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      const [passportId, version, passportRoot] = p.leaves[1]!;
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.recordBatchedVersion(
          [p.root, p.publicIdHashOf(passportId), version, passportRoot, p.tree.getProof(1) as Hex[]],
          asMaker(p),
        ),
        p.passportRegistry,
        "PassportVersionAnchored",
        [passportId, version, ORG_ID, passportRoot, ZERO_HASH, p.manufacturer.account.address, p.root],
      );
      assert.deepEqual(await p.passportRegistry.read.latestPassportVersion([passportId]), [version, passportRoot]);
    });

    it("refuses an invalid proof", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      const [passportId, , passportRoot] = p.leaves[1]!;
      const leaf = await p.passportRegistry.read.passportLeaf([passportId, 9n, passportRoot]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.recordBatchedVersion(
          [p.root, p.publicIdHashOf(passportId), 9n, passportRoot, p.tree.getProof(1) as Hex[]],
          asMaker(p),
        ),
        p.passportRegistry,
        "PassportRegistryInvalidProof",
        [p.root, leaf],
      );
    });

    it("refuses a version not above the latest", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      const [passportId, version, passportRoot] = p.leaves[1]!;
      const proof = p.tree.getProof(1) as Hex[];
      await p.passportRegistry.write.recordBatchedVersion(
        [p.root, p.publicIdHashOf(passportId), version, passportRoot, proof],
        asMaker(p),
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.recordBatchedVersion(
          [p.root, p.publicIdHashOf(passportId), version, passportRoot, proof],
          asMaker(p),
        ),
        p.passportRegistry,
        "PassportRegistryVersionNotNext",
        [passportId, version, version],
      );
    });

    it("lets another wallet of the batch's organisation record after the attester was revoked", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await p.passportRegistry.write.revokeManufacturer([p.manufacturer.account.address]);
      await p.passportRegistry.write.grantManufacturer([p.alice.account.address, ORG_ID]);
      const [passportId, version, passportRoot] = p.leaves[1]!;
      await p.passportRegistry.write.recordBatchedVersion(
        [p.root, p.publicIdHashOf(passportId), version, passportRoot, p.tree.getProof(1) as Hex[]],
        { account: p.alice.account },
      );
      assert.equal(await p.passportRegistry.read.passportOrganisation([passportId]), ORG_ID);
    });
  });

  describe("attacks", () => {
    const recordLeaf = async (p: Awaited<ReturnType<typeof deployPassportRegistryFixture>>, index: number) => {
      const [passportId, version, passportRoot] = p.leaves[index]!;
      const proof = p.tree.getProof(index) as Hex[];
      await p.passportRegistry.write.recordBatchedVersion(
        [p.root, p.publicIdHashOf(passportId), version, passportRoot, proof],
        asMaker(p),
      );
      return { passportId, version, passportRoot, proof };
    };

    it("a version revoked on its own no longer verifies in its batch", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      const leaf = await recordLeaf(p, 0);
      await p.passportRegistry.write.revokePassportVersion([leaf.passportId, leaf.version], asMaker(p));
      assert.equal(
        await p.passportRegistry.read.verifyPassportInBatch([
          p.root,
          leaf.passportId,
          leaf.version,
          leaf.passportRoot,
          leaf.proof,
        ]),
        false,
      );
    });

    it("a revoked batch revokes the versions recorded from it", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      const leaf = await recordLeaf(p, 0);
      await p.passportRegistry.write.revokeBatch([p.root], asMaker(p));
      const [, revokedAt] = await p.passportRegistry.read.getBatch([p.root]);
      assert.deepEqual(await p.passportRegistry.read.latestPassportVersion([leaf.passportId]), [
        leaf.version,
        ZERO_HASH,
      ]);
      assert.equal(await p.passportRegistry.read.isAnchored([leaf.passportId, leaf.version, leaf.passportRoot]), false);
      const anchor = await p.passportRegistry.read.getPassportAnchor([leaf.passportId, leaf.version]);
      assert.equal(anchor.revocationTime, revokedAt);
    });

    it("a batch paid for one leaf proves no deeper leaf", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 1, []], asMaker(p));
      for (const [index, [passportId, version, passportRoot]] of p.leaves.entries()) {
        const proof = p.tree.getProof(index) as Hex[];
        assert.equal(
          await p.passportRegistry.read.verifyPassportInBatch([p.root, passportId, version, passportRoot, proof]),
          false,
        );
      }
    });

    it("a batch paid for three leaves still proves all four of a four-leaf tree's depth-2 leaves", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 3, []], asMaker(p));
      const [passportId, version, passportRoot] = p.leaves[3]!;
      const proof = p.tree.getProof(3) as Hex[];
      assert.equal(
        await p.passportRegistry.read.verifyPassportInBatch([p.root, passportId, version, passportRoot, proof]),
        true,
      );
    });

    it("a revoked wallet's batch can still be revoked by its organisation", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await p.passportRegistry.write.revokeManufacturer([p.manufacturer.account.address]);
      await p.passportRegistry.write.grantManufacturer([p.alice.account.address, ORG_ID]);
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.revokeBatch([p.root], { account: p.alice.account }),
        p.passportRegistry,
        "PassportBatchRevoked",
        [p.root, ORG_ID, p.alice.account.address],
      );
    });

    it("a wallet moved to another organisation cannot claim its old batch's passports for the new one", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      await p.passportRegistry.write.grantManufacturer([p.manufacturer.account.address, OTHER_ORG_ID]);
      const [passportId, version, passportRoot] = p.leaves[0]!;
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.recordBatchedVersion(
          [p.root, p.publicIdHashOf(passportId), version, passportRoot, p.tree.getProof(0) as Hex[]],
          asMaker(p),
        ),
        p.passportRegistry,
        "PassportRegistryWrongOrganisation",
        [p.root, ORG_ID, OTHER_ORG_ID],
      );
    });

    it("nobody outside the batch's organisation records one of its versions", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], asMaker(p));
      const [passportId, version, passportRoot] = p.leaves[0]!;
      const args = [p.root, p.publicIdHashOf(passportId), version, passportRoot, p.tree.getProof(0) as Hex[]] as const;
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.recordBatchedVersion(args, { account: p.alice.account }),
        p.passportRegistry,
        "PassportRegistryNotManufacturer",
        [p.alice.account.address],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.recordBatchedVersion(args, { account: p.bob.account }),
        p.passportRegistry,
        "PassportRegistryWrongOrganisation",
        [p.root, ORG_ID, OTHER_ORG_ID],
      );
    });

    it("version 2^64-1 is never anchored, so a passport cannot be bricked", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      const maxVersion = 2n ** 64n - 1n;
      const leaves: [Hex, bigint, Hex][] = [
        [passportIdOfHash(ORG_ID, id("brick")), maxVersion, id("brick-content")],
        [id("other"), 1n, id("other-content")],
      ];
      const tree = StandardMerkleTree.of(leaves, ["bytes32", "uint64", "bytes32"]);
      await p.passportRegistry.write.anchorBatch([tree.root as Hex, 2, []], asMaker(p));
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.recordBatchedVersion(
          [tree.root as Hex, id("brick"), maxVersion, id("brick-content"), tree.getProof(0) as Hex[]],
          asMaker(p),
        ),
        p.passportRegistry,
        "PassportRegistryVersionTooHigh",
        [passportIdOfHash(ORG_ID, id("brick")), maxVersion],
      );
      await p.passportRegistry.write.anchorPassport([id("brick"), 1n, id("h1"), ZERO_HASH], asMaker(p));
    });

    it("another organisation cannot claim a passport by recording it from its own batch first", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      // Org B anchors a batch whose leaf is A's passport id with a doctored root, and tries to record it.
      const victim = p.leaves[0]![0];
      const forged: [Hex, bigint, Hex][] = [
        [victim, 1n, id("doctored")],
        [passportIdOfHash(OTHER_ORG_ID, id("own")), 1n, id("own-content")],
      ];
      const tree = StandardMerkleTree.of(forged, ["bytes32", "uint64", "bytes32"]);
      await p.passportRegistry.write.anchorBatch([tree.root as Hex, 2, []], { account: p.bob.account });
      const leaf = await p.passportRegistry.read.passportLeaf([
        passportIdOfHash(OTHER_ORG_ID, p.publicIdHashes[0]!),
        1n,
        id("doctored"),
      ]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.recordBatchedVersion(
          [tree.root as Hex, p.publicIdHashes[0]!, 1n, id("doctored"), tree.getProof(0) as Hex[]],
          { account: p.bob.account },
        ),
        p.passportRegistry,
        "PassportRegistryInvalidProof",
        [tree.root as Hex, leaf],
      );
      await p.passportRegistry.write.anchorPassport([p.publicIdHashes[0]!, 1n, id("genuine"), ZERO_HASH], asMaker(p));
      assert.deepEqual(await p.passportRegistry.read.latestPassportVersion([victim]), [1n, id("genuine")]);
    });

    it("names only the batch organisation's passports in per-passport events", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.anchorBatch([p.root, 4, p.publicIdHashes], { account: p.bob.account });
      const events = await p.passportRegistry.getEvents.PassportAnchored();
      assert.deepEqual(
        events.map((e) => e.args.passportId),
        p.publicIdHashes.map((hash) => passportIdOfHash(OTHER_ORG_ID, hash)),
      );
    });

    it("another organisation's batch does not verify a passport this organisation owns", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      const [passportId, version, passportRoot] = p.leaves[0]!;
      await p.passportRegistry.write.anchorPassport(
        [p.publicIdHashOf(passportId), 1n, id("genuine"), ZERO_HASH],
        asMaker(p),
      );
      await p.passportRegistry.write.anchorBatch([p.root, 4, []], { account: p.bob.account });
      assert.equal(
        await p.passportRegistry.read.verifyPassportInBatch([
          p.root,
          passportId,
          version,
          passportRoot,
          p.tree.getProof(0) as Hex[],
        ]),
        false,
      );
    });
  });

  describe("setAttestationFee", () => {
    it("sets the fee", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.emitWithArgs(
        p.passportRegistry.write.setAttestationFee([0n]),
        p.passportRegistry,
        "AttestationFeeUpdated",
        [params.attestationFee, 0n],
      );
      assert.equal(await p.passportRegistry.read.attestationFee(), 0n);
    });

    it("records a zero fee without a transfer", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await p.passportRegistry.write.setAttestationFee([0n]);
      await p.passportRegistry.write.anchorPassport([id("p"), 1n, id("h1"), ZERO_HASH], asMaker(p));
      const [fee] = await p.feeRouter.getEvents.FeeEvent();
      assert.equal(fee!.args.amount, 0n);
    });

    it("reverts for a non-admin", async () => {
      const p = await networkHelpers.loadFixture(deployPassportRegistryFixture);
      await viem.assertions.revertWithCustomErrorWithArgs(
        p.passportRegistry.write.setAttestationFee([0n], { account: p.alice.account }),
        p.passportRegistry,
        "AccessControlUnauthorizedAccount",
        [p.alice.account.address, ZERO_HASH],
      );
    });
  });
});
