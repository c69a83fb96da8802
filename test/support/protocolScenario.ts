/**
 * Drives every state-changing function of every A360 contract at least once, in an order the
 * contracts accept, so that every event kind the indexer handles is on the chain afterwards.
 * Leaves a mix of open and closed records (an active listing, an active lease, a live ERC-4907
 * user, revoked and valid anchors) for the mirror comparison to check.
 * Reached only through other contracts: UnitToken.setUser (the lease manager) and
 * FeeRouter.recordFee (every fee collector). Not called separately: ERC-721 safeTransferFrom and
 * the stable token's permit, which emit the same events as transferFrom and TT's permit.
 */
import { publicIdHashOf } from "@a360/contracts/passport";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import { type Address, keccak256, parseEther, parseSignature, toHex, zeroHash } from "viem";
import {
  batchLeaf,
  contentHash,
  type ProtocolDriver,
  passportIdOfUnitId,
  protocol,
  twoLeafRoot,
  unitIdOfPublicId,
} from "./protocolDriver.ts";

const DAY = 24 * 60 * 60;

/** A per-passport anchor as Marketplace.createListing and buy take it (no batch, no Merkle proof). */
function passportProof(publicIdHash: `0x${string}`, version: bigint, passportRoot: `0x${string}`) {
  return { publicIdHash, version, passportRoot, batchRoot: zeroHash, proof: [] };
}
const DEFAULT_ADMIN_ROLE = zeroHash;
const STAKE_ROLE = { MarketMaker: 0, ServiceProvider: 1, Oracle: 2 } as const;
const SLASHER_ROLE = keccak256(toHex("SLASHER_ROLE"));

export interface ScenarioUnits {
  sold: bigint;
  relisted: bigint;
  leased: bigint;
  batched: bigint[];
}

export async function runProtocolScenario(driver: ProtocolDriver, tag = "s1"): Promise<ScenarioUnits> {
  const [admin, maker, provider, reporter, buyer, other, treasury] = driver.accounts as [
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
  ];
  const orgA = keccak256(toHex(`org-a-${tag}`));
  const orgB = keccak256(toHex(`org-b-${tag}`));

  // ==== TOKENS, ADMIN AND ROLES ====
  for (const account of [maker, provider, reporter, buyer, other]) {
    await driver.write(admin, "TTToken", "transfer", [account, parseEther("100000")]);
    await driver.write(account, "DevStableToken", "mint", [account, 1_000_000_000_000n]);
  }
  await driver.write(admin, "PassportRegistry", "registerOrganisation", [orgA, `Org A ${tag}`]);
  await driver.write(admin, "PassportRegistry", "registerOrganisation", [orgA, `Volta Cells ${tag}`]);
  await driver.write(admin, "PassportRegistry", "grantManufacturer", [maker, orgA]);
  await driver.write(admin, "PassportRegistry", "grantManufacturer", [other, orgB]);
  await driver.write(admin, "PassportRegistry", "revokeManufacturer", [other]);
  await driver.write(admin, "FeeRouter", "setTreasury", [treasury]);
  await driver.write(admin, "FeeRouter", "setStakerShareBps", [6_000]);
  await driver.write(admin, "PassportRegistry", "setAttestationFee", [parseEther("0.02")]);
  await driver.write(admin, "RepairRegistry", "setRepairFee", [parseEther("4")]);
  await driver.write(admin, "Marketplace", "setSaleFeeBps", [300]);
  await driver.write(admin, "Marketplace", "setPaymentTokenAllowed", [other, true]);
  await driver.write(admin, "Marketplace", "setPaymentTokenAllowed", [other, false]);
  await driver.write(admin, "Marketplace", "grantRole", [DEFAULT_ADMIN_ROLE, other]);
  await driver.write(admin, "Marketplace", "revokeRole", [DEFAULT_ADMIN_ROLE, other]);
  await driver.write(admin, "RepairRegistry", "grantRole", [DEFAULT_ADMIN_ROLE, other]);
  await driver.write(other, "RepairRegistry", "renounceRole", [DEFAULT_ADMIN_ROLE, other]);

  // ==== STAKING AND ORACLE ====
  for (const account of [admin, maker, provider, reporter, buyer]) {
    for (const spender of ["Staking", "PassportRegistry", "RepairRegistry", "Marketplace", "LeaseManager"] as const) {
      await driver.approveTokens(account, spender);
    }
  }
  const stakedBefore = await driver.read<bigint>("Staking", "totalStaked");
  if (stakedBefore === 0n) await driver.write(admin, "Staking", "fundRewards", [parseEther("50")]); // carried forward
  // The feed needs a quorum of three reporters besides a lease's two parties: admin, provider and other report too.
  await driver.write(other, "TTToken", "approve", [protocol.Staking.address, parseEther("1000")]);
  const reporterPositions = new Map<Address, bigint>();
  for (const account of [admin, provider, other]) {
    await driver.write(account, "Staking", "stake", [STAKE_ROLE.Oracle, parseEther("1000"), 7 * DAY]);
    reporterPositions.set(account, await driver.read<bigint>("Staking", "positionCount"));
  }
  await driver.write(reporter, "Staking", "stake", [STAKE_ROLE.Oracle, parseEther("2000"), 7 * DAY]);
  reporterPositions.set(reporter, await driver.read<bigint>("Staking", "positionCount"));
  const postPrices = async (price: bigint) => {
    for (const [account, position] of reporterPositions) {
      await driver.write(account, "PriceOracle", "postPrice", [position, price]);
    }
  };
  await driver.write(provider, "Staking", "stake", [STAKE_ROLE.ServiceProvider, parseEther("3000"), 7 * DAY]);
  const providerPosition = await driver.read<bigint>("Staking", "positionCount");
  await driver.write(maker, "Staking", "stake", [STAKE_ROLE.MarketMaker, parseEther("500"), 7 * DAY]);
  await driver.write(maker, "Staking", "stake", [STAKE_ROLE.MarketMaker, parseEther("700"), 30 * DAY]);
  await driver.write(admin, "Staking", "fundRewards", [parseEther("123.456")]);
  await driver.write(provider, "Staking", "claimReward");
  await postPrices(parseEther("1.5"));

  // ==== UNITS AND PASSPORTS ====
  const publicIds = ["sold", "relisted", "leased", "batch-1", "batch-2", "revoked"].map((id) => `${tag}-${id}`);
  const [sold, relisted, leased, batch1, batch2, revoked] = publicIds.map((publicId) =>
    unitIdOfPublicId(orgA, publicId),
  ) as [bigint, bigint, bigint, bigint, bigint, bigint];
  for (const publicId of publicIds) await driver.write(maker, "UnitToken", "mint", [maker, publicId]);
  const publicIdHash = (unitId: bigint) =>
    publicIdHashOf(publicIds[[sold, relisted, leased, batch1, batch2, revoked].indexOf(unitId)]!);
  for (const unitId of [sold, relisted, leased, revoked]) {
    await driver.write(maker, "PassportRegistry", "anchorPassport", [
      publicIdHash(unitId),
      1n,
      contentHash(`${unitId}-v1`),
      zeroHash,
    ]);
  }
  const soldPassport = passportIdOfUnitId(sold);
  await driver.write(maker, "PassportRegistry", "anchorPassport", [
    publicIdHash(sold),
    2n,
    contentHash(`${sold}-v2`),
    contentHash(`${sold}-v1`),
  ]);
  await driver.write(maker, "PassportRegistry", "revokePassportVersion", [soldPassport, 1n]);
  await driver.write(maker, "PassportRegistry", "revokePassportVersion", [passportIdOfUnitId(revoked), 1n]);

  // A batch with per-passport events whose first leaf is then recorded on chain with its proof.
  const [p1, p2] = [passportIdOfUnitId(batch1), passportIdOfUnitId(batch2)];
  const [leaf1, leaf2] = [batchLeaf(p1, 1n, contentHash(`${tag}-b1`)), batchLeaf(p2, 1n, contentHash(`${tag}-b2`))];
  const root = twoLeafRoot(leaf1, leaf2);
  await driver.write(maker, "PassportRegistry", "anchorBatch", [root, 2, [publicIdHash(batch1), publicIdHash(batch2)]]);
  await driver.write(maker, "PassportRegistry", "recordBatchedVersion", [
    root,
    publicIdHash(batch1),
    1n,
    contentHash(`${tag}-b1`),
    [leaf2],
  ]);
  // A second version of the other batched passport, recorded and then revoked with its batch: the registry's views
  // (and the mirror) then report that version revoked and no latest hash.
  const [leaf3, leaf4] = [batchLeaf(p2, 2n, contentHash(`${tag}-b2v2`)), batchLeaf(p1, 9n, contentHash(`${tag}-b1v9`))];
  const revokedRoot = twoLeafRoot(leaf3, leaf4);
  await driver.write(maker, "PassportRegistry", "anchorBatch", [revokedRoot, 2, []]);
  await driver.write(maker, "PassportRegistry", "recordBatchedVersion", [
    revokedRoot,
    publicIdHash(batch2),
    2n,
    contentHash(`${tag}-b2v2`),
    [leaf4],
  ]);
  await driver.write(maker, "PassportRegistry", "revokeBatch", [revokedRoot]);
  // A root-only batch, revoked.
  const rootOnly = contentHash(`${tag}-root-only`);
  await driver.write(maker, "PassportRegistry", "anchorBatch", [rootOnly, 3, []]);
  await driver.write(maker, "PassportRegistry", "revokeBatch", [rootOnly]);

  // ==== MARKETPLACE ====
  await driver.write(maker, "UnitToken", "setApprovalForAll", [protocol.Marketplace.address, true]);
  await driver.write(maker, "UnitToken", "approve", [protocol.LeaseManager.address, leased]);
  // Seller and buyer each send the passport version they saw: here per-passport anchors, so no batch proof.
  const soldProof = passportProof(publicIdHash(sold), 2n, contentHash(`${sold}-v2`));
  const relistedProof = passportProof(publicIdHash(relisted), 1n, contentHash(`${relisted}-v1`));
  await driver.write(maker, "Marketplace", "createListing", [
    sold,
    protocol.TTToken.address,
    parseEther("250"),
    soldProof,
  ]);
  const soldListing = await driver.read<bigint>("Marketplace", "listingCount");
  await driver.write(buyer, "Marketplace", "buy", [soldListing, soldProof]);
  await driver.write(maker, "Marketplace", "createListing", [
    relisted,
    protocol.DevStableToken.address,
    5_000_000n,
    relistedProof,
  ]);
  await driver.write(maker, "Marketplace", "cancelListing", [await driver.read<bigint>("Marketplace", "listingCount")]);
  await driver.write(maker, "Marketplace", "createListing", [
    relisted,
    protocol.DevStableToken.address,
    7_000_000n,
    relistedProof,
  ]);

  // ==== LEASES ====
  // The buyer leases the unit it bought to the reporter; collateral in stable and TT. The provider, independent of
  // both, attests damage; the buyer claims part of it, the reporter disputes, and the arbiter (admin) finds the
  // provider at fault: the claim is refunded and a slash of the provider's stake proposed.
  await driver.write(buyer, "UnitToken", "setApprovalForAll", [protocol.LeaseManager.address, true]);
  await driver.write(buyer, "LeaseManager", "createLeaseOffer", [sold, 1_000_000n, 10, parseEther("20")]);
  const firstLease = await driver.read<bigint>("LeaseManager", "leaseCount");
  await driver.write(reporter, "LeaseManager", "acceptLease", [firstLease, 3, 10_000_000n, parseEther("10")]);
  await driver.chain.increaseTime(3 * DAY + 1);
  await driver.write(provider, "LeaseManager", "endLease", [firstLease]);
  await driver.write(buyer, "LeaseManager", "withdrawRent", [firstLease]);
  await driver.write(provider, "RepairRegistry", "recordRepair", [sold, contentHash(`${tag}-form`), 1]);
  const repairId = await driver.read<bigint>("RepairRegistry", "repairCount");
  await driver.write(provider, "LeaseManager", "attestDamage", [
    firstLease,
    repairId,
    providerPosition,
    parseEther("10"),
  ]);
  await driver.write(buyer, "LeaseManager", "claimCollateral", [firstLease, 2_000_000n, parseEther("1")]);
  await driver.write(reporter, "LeaseManager", "disputeClaim", [firstLease]);
  await driver.write(admin, "LeaseManager", "resolveDispute", [firstLease, true, parseEther("100")]);
  const leaseSlash = await driver.read<bigint>("Staking", "slashCount");
  await driver.write(provider, "RepairRegistry", "recordRepair", [leased, contentHash(`${tag}-form-2`), 3]);
  await driver.chain.increaseTime(3 * DAY + 1);
  await driver.write(reporter, "LeaseManager", "withdrawCollateral", [firstLease]);
  // An offer withdrawn, then one accepted and left running (live ERC-4907 user).
  await driver.write(maker, "LeaseManager", "createLeaseOffer", [leased, 2_000_000n, 30, 1_000_000n]);
  await driver.write(maker, "LeaseManager", "cancelLeaseOffer", [
    await driver.read<bigint>("LeaseManager", "leaseCount"),
  ]);
  await driver.write(maker, "UnitToken", "approve", [protocol.LeaseManager.address, leased]);
  await driver.write(maker, "LeaseManager", "createLeaseOffer", [leased, 2_000_000n, 30, 1_000_000n]);
  await postPrices(parseEther("1.6"));
  await driver.write(buyer, "LeaseManager", "acceptLease", [
    await driver.read<bigint>("LeaseManager", "leaseCount"),
    20,
    0n,
    parseEther("5"),
  ]);

  // ==== WITHDRAWALS, FEES, PLAIN TRANSFERS ====
  await driver.chain.increaseTime(8 * DAY);
  const positionCount = await driver.read<bigint>("Staking", "positionCount");
  await driver.write(reporter, "Staking", "requestWithdrawal", [positionCount - 3n, parseEther("500")]); // partial
  await driver.write(maker, "Staking", "requestWithdrawal", [positionCount - 1n, parseEther("500")]); // maker's first
  // A slash proposed by hand, appealed and overturned; the lease's slash executed once its appeal window is over.
  await driver.write(admin, "Staking", "grantRole", [SLASHER_ROLE, admin]);
  await driver.write(admin, "Staking", "proposeSlash", [positionCount, parseEther("1"), admin, zeroHash]);
  const appealedSlash = await driver.read<bigint>("Staking", "slashCount");
  await driver.write(maker, "Staking", "appealSlash", [appealedSlash]);
  await driver.write(admin, "Staking", "resolveAppeal", [appealedSlash, false]);
  await driver.write(other, "Staking", "executeSlash", [leaseSlash]);
  await driver.chain.increaseTime(14 * DAY + 1);
  await driver.write(maker, "Staking", "withdraw", [positionCount - 1n]);
  await driver.write(maker, "Staking", "claimReward");
  await driver.write(admin, "FeeRouter", "distribute", [protocol.TTToken.address]);
  await driver.write(admin, "FeeRouter", "distribute", [protocol.DevStableToken.address]);
  await driver.write(maker, "UnitToken", "transferFrom", [maker, other, batch2]);
  await stakeWithPermit(driver, other, parseEther("100"));
  await driver.write(admin, "TTToken", "approve", [other, parseEther("10")]);
  await driver.write(other, "TTToken", "transferFrom", [admin, other, parseEther("10")]);
  await driver.write(maker, "TTToken", "transfer", [other, parseEther("1")]);
  await driver.write(maker, "DevStableToken", "transfer", [other, 1_000n]);
  return { sold, relisted, leased, batched: [batch1, batch2] };
}

/** Stakes with an EIP-2612 permit signed by the node's account instead of a prior approval. */
async function stakeWithPermit(driver: ProtocolDriver, owner: Address, amount: bigint): Promise<void> {
  const wallet = createLocalChainClients(driver.chain.rpcUrl).walletOf(owner);
  const nonce = await driver.read<bigint>("TTToken", "nonces", [owner]);
  const deadline = (await driver.chain.reader.getBlock()).timestamp + 3_600n;
  const signature = await wallet.signTypedData({
    domain: { name: "A360 Token", version: "1", chainId: 31337, verifyingContract: protocol.TTToken.address },
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
    message: { owner, spender: protocol.Staking.address, value: amount, nonce, deadline },
  });
  const { r, s, v } = parseSignature(signature);
  await driver.write(owner, "Staking", "stakeWithPermit", [
    STAKE_ROLE.MarketMaker,
    amount,
    7 * DAY,
    deadline,
    Number(v),
    r,
    s,
  ]);
}
