/**
 * The TypeScript passport module (contracts/passport) and PassportRegistry agree: batch leaves hash
 * the same, passport and unit ids derive the same, and proofs the module builds verify in the contract's view.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther } from "viem";
import {
  batchLeafHash,
  buildPassportBatch,
  buildPassportTree,
  PASSPORT_SCHEMA,
  passportIdOf,
  publicIdHashOf,
  unitIdOf,
} from "../passport/index.ts";
import { deployProtocol, ORG_ID } from "./helpers/protocol.ts";

describe("passport module ↔ PassportRegistry", async () => {
  const connection = await network.create();
  const { networkHelpers } = connection;

  async function deployAnchoredBatchFixture() {
    const p = await deployProtocol(connection);
    const entries = ["VC-1", "VC-2", "VC-3", "VC-4", "VC-5"].map((serial, index) => {
      const publicId = `pp-${serial}`;
      const tree = buildPassportTree({
        schema: PASSPORT_SCHEMA,
        publicId,
        version: 1,
        entries: [
          { key: "passport.serial_number", value: serial, access: "public" },
          { key: "circ.recycled_content_pct", value: 10 + index, access: "legitimate_interest" },
        ],
      });
      return { publicId, passportId: passportIdOf(ORG_ID, publicId), version: 1n, passportRoot: tree.root };
    });
    const batch = buildPassportBatch(entries);
    await p.ttToken.write.approve([p.passportRegistry.address, parseEther("1000")], {
      account: p.manufacturer.account,
    });
    await p.passportRegistry.write.anchorBatch([batch.root, entries.length, []], { account: p.manufacturer.account });
    return { ...p, entries, batch };
  }

  it("derives passport and unit ids as the contracts do", async () => {
    const { passportRegistry, unitToken, entries } = await networkHelpers.loadFixture(deployAnchoredBatchFixture);
    for (const entry of entries) {
      const onChain = await passportRegistry.read.passportIdOf([ORG_ID, publicIdHashOf(entry.publicId)]);
      assert.equal(onChain, entry.passportId);
      assert.equal(await unitToken.read.unitIdOf([ORG_ID, entry.publicId]), unitIdOf(ORG_ID, entry.publicId));
    }
  });

  it("hashes a batch leaf as the contract does", async () => {
    const { passportRegistry, entries } = await networkHelpers.loadFixture(deployAnchoredBatchFixture);
    for (const entry of entries) {
      const onChain = await passportRegistry.read.passportLeaf([entry.passportId, entry.version, entry.passportRoot]);
      assert.equal(onChain, batchLeafHash(entry));
    }
  });

  it("verifies every proof of the module in the contract's view", async () => {
    const { passportRegistry, entries, batch } = await networkHelpers.loadFixture(deployAnchoredBatchFixture);
    for (const [index, entry] of entries.entries()) {
      const verified = await passportRegistry.read.verifyPassportInBatch([
        batch.root,
        entry.passportId,
        entry.version,
        entry.passportRoot,
        batch.proofs[index]!,
      ]);
      assert.equal(verified, true);
    }
  });

  it("refuses a proof of another leaf in the contract's view", async () => {
    const { passportRegistry, entries, batch } = await networkHelpers.loadFixture(deployAnchoredBatchFixture);
    const entry = entries[0]!;
    const verified = await passportRegistry.read.verifyPassportInBatch([
      batch.root,
      entry.passportId,
      entry.version,
      entry.passportRoot,
      batch.proofs[1]!,
    ]);
    assert.equal(verified, false);
  });
});
