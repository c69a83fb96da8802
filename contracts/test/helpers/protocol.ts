/**
 * Deploys the whole protocol through the Ignition module (so tests exercise the real wiring) and gives every actor
 * TT and stable tokens. Each contract's test file builds its own fixture on top of this.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { keccak256, parseEther, parseUnits, toHex } from "viem";
import A360Module from "../../ignition/modules/A360.ts";
import { passportIdOfHash } from "../../passport/passportId.ts";

export const DAY = 24n * 60n * 60n;
export const ORG_ID = keccak256(toHex("org:acme-batteries"));
export const OTHER_ORG_ID = keccak256(toHex("org:other-cells"));
export const ZERO_HASH = `0x${"00".repeat(32)}` as const;
export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as const;

export const Role = { MarketMaker: 0, ServiceProvider: 1, Oracle: 2 } as const;
export const FeeKind = { Sale: 0, Lease: 1, Repair: 2, Attestation: 3 } as const;

export const params = {
  minLockDuration: 7n * DAY,
  stakerShareBps: 5_000,
  minOracleStake: parseEther("1000"),
  // One reporter suffices in most tests; the oracle's own tests deploy with a quorum of three.
  oracleQuorum: 1,
  minProviderStake: parseEther("1000"),
  attestationFee: parseEther("0.01"),
  repairFee: parseEther("5"),
  saleFeeBps: 250,
  leaseFeeBps: 250,
  ttHaircutBps: 3_000,
  claimWindow: 3n * DAY,
  maxPriceAge: 60n * 60n,
  unbondingPeriod: 14n * DAY,
  appealWindow: 3n * DAY,
  rewardsDuration: 30n * DAY,
  // Tests stake wei amounts; the minimum's own test deploys with a real figure.
  minStake: 1n,
  disputeWindow: 3n * DAY,
  arbitrationWindow: 7n * DAY,
  adminDelay: DAY,
};

/** The lease manager's constructor figures, as the Ignition module passes them. */
export const leaseParameters = {
  leaseFeeBps: params.leaseFeeBps,
  ttHaircutBps: params.ttHaircutBps,
  claimWindow: params.claimWindow,
  maxPriceAge: params.maxPriceAge,
  disputeWindow: params.disputeWindow,
  arbitrationWindow: params.arbitrationWindow,
  minProviderStake: params.minProviderStake,
};

export const stable = (amount: string) => parseUnits(amount, 6);

export async function deployProtocol(connection: NetworkConnection) {
  const { viem, ignition } = connection;
  const [admin, manufacturer, alice, bob, provider, oracle, other, treasury] = await viem.getWalletClients();
  const contracts = await ignition.deploy(A360Module, {
    parameters: { A360: { ...params, treasury: treasury!.account.address } },
  });
  const { ttToken, devStableToken, passportRegistry } = contracts;
  for (const wallet of [manufacturer, alice, bob, provider, oracle, other]) {
    await ttToken.write.transfer([wallet!.account.address, parseEther("100000")]);
    await devStableToken.write.mint([wallet!.account.address, stable("100000")]);
  }
  await passportRegistry.write.grantManufacturer([manufacturer!.account.address, ORG_ID]);
  const publicClient = await viem.getPublicClient();
  return {
    ...contracts,
    publicClient,
    admin: admin!,
    manufacturer: manufacturer!,
    alice: alice!,
    bob: bob!,
    provider: provider!,
    oracle: oracle!,
    other: other!,
    treasury: treasury!,
  };
}

export type Protocol = Awaited<ReturnType<typeof deployProtocol>>;

/** The passport public id, its hash, and the unit id and passport id of serial `serial` minted by ORG_ID. */
export function unitIds(serial: string) {
  const publicId = `urn:a360:passport:${serial}`;
  const publicIdHash = keccak256(toHex(publicId));
  const passportId = passportIdOfHash(ORG_ID, publicIdHash);
  return { publicId, publicIdHash, passportId, unitId: BigInt(passportId) };
}

/** Mints unit `serial` to `owner` and anchors version 1 of its passport. */
export async function mintAnchoredUnit(p: Protocol, serial: string, owner = p.alice) {
  const { publicId, publicIdHash, passportId, unitId } = unitIds(serial);
  const as = { account: p.manufacturer.account };
  await p.unitToken.write.mint([owner.account.address, publicId], as);
  await p.ttToken.write.approve([p.passportRegistry.address, parseEther("1000")], as);
  const hash = keccak256(toHex(`${publicId}#v1`));
  await p.passportRegistry.write.anchorPassport([publicIdHash, 1n, hash, ZERO_HASH], as);
  // What a seller or buyer sends for it: a per-passport anchor, so no batch and no Merkle proof.
  const proof = { publicIdHash, version: 1n, passportRoot: hash, batchRoot: ZERO_HASH, proof: [] as `0x${string}`[] };
  return { publicId, publicIdHash, passportId, unitId, hash, proof };
}

/** Stakes `amount` TT for `wallet` in `role`; returns the new position's id. */
export async function stakeAs(p: Protocol, wallet: Protocol["alice"], role: number, amount: bigint) {
  await p.ttToken.write.approve([p.staking.address, amount], { account: wallet.account });
  await p.staking.write.stake([role, amount, params.minLockDuration], { account: wallet.account });
  return p.staking.read.positionCount();
}
