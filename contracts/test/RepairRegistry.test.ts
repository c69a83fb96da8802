import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { getAddress, keccak256, parseEther, toHex } from "viem";
import { deployProtocol, FeeKind, mintAnchoredUnit, params, Role, stakeAs, ZERO_HASH } from "./helpers/protocol.ts";

const FORM = keccak256(toHex("eu-repair-form"));

describe("RepairRegistry", async () => {
  const connection = await network.create();
  const { viem, networkHelpers } = connection;

  async function deployRepairRegistryFixture() {
    const p = await deployProtocol(connection);
    await stakeAs(p, p.provider, Role.ServiceProvider, params.minProviderStake);
    await p.ttToken.write.approve([p.repairRegistry.address, parseEther("1000")], { account: p.provider.account });
    const unit = await mintAnchoredUnit(p, "SN-R");
    return { ...p, unitId: unit.unitId };
  }

  it("records a repair, pays the fee and emits one FeeEvent", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    await viem.assertions.emitWithArgs(
      p.repairRegistry.write.recordRepair([p.unitId, FORM, 1], { account: p.provider.account }),
      p.repairRegistry,
      "RepairRecorded",
      [1n, p.unitId, p.provider.account.address, FORM, 1, params.repairFee],
    );
    const fees = await p.feeRouter.getEvents.FeeEvent();
    assert.deepEqual(fees[0]!.args, {
      kind: FeeKind.Repair,
      payer: getAddress(p.provider.account.address),
      token: p.ttToken.address,
      amount: params.repairFee,
      ref: `0x${"1".padStart(64, "0")}`,
    });
    const record = await p.repairRegistry.read.getRepair([1n]);
    assert.equal(record.formHash, FORM);
    assert.equal(record.decision, 1);
    assert.equal(await p.repairRegistry.read.repairCount(), 1n);
  });

  it("refuses a provider without the minimum stake", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p.repairRegistry.write.recordRepair([p.unitId, FORM, 0], { account: p.bob.account }),
      p.repairRegistry,
      "RepairRegistryInsufficientStake",
      [p.bob.account.address, params.minProviderStake],
    );
  });

  it("refuses an empty form hash", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    await viem.assertions.revertWithCustomError(
      p.repairRegistry.write.recordRepair([p.unitId, ZERO_HASH, 0], { account: p.provider.account }),
      p.repairRegistry,
      "RepairRegistryEmptyFormHash",
    );
  });

  it("refuses an unknown unit", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p.repairRegistry.write.recordRepair([5n, FORM, 0], { account: p.provider.account }),
      p.repairRegistry,
      "RepairRegistryUnknownUnit",
      [5n],
    );
  });

  it("reverts getRepair for an unknown id", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p.repairRegistry.read.getRepair([3n]),
      p.repairRegistry,
      "RepairRegistryUnknownRepair",
      [3n],
    );
  });

  it("sets the repair fee", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    await viem.assertions.emitWithArgs(
      p.repairRegistry.write.setRepairFee([0n]),
      p.repairRegistry,
      "RepairFeeUpdated",
      [params.repairFee, 0n],
    );
    assert.equal(await p.repairRegistry.read.repairFee(), 0n);
    await p.repairRegistry.write.recordRepair([p.unitId, FORM, 0], { account: p.provider.account });
  });

  it("reverts setRepairFee for a non-admin", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    await viem.assertions.revertWithCustomErrorWithArgs(
      p.repairRegistry.write.setRepairFee([0n], { account: p.bob.account }),
      p.repairRegistry,
      "AccessControlUnauthorizedAccount",
      [p.bob.account.address, ZERO_HASH],
    );
  });

  it("attack: refuses a repair fee above the cap, so an admin cannot drain a provider's standing allowance (issue 18, low)", async () => {
    const p = await networkHelpers.loadFixture(deployRepairRegistryFixture);
    const cap = await p.repairRegistry.read.MAX_REPAIR_FEE();
    await viem.assertions.revertWithCustomErrorWithArgs(
      p.repairRegistry.write.setRepairFee([cap + 1n]),
      p.repairRegistry,
      "RepairRegistryFeeTooHigh",
      [cap + 1n, cap],
    );
    await p.repairRegistry.write.setRepairFee([cap]);
  });
});
