/**
 * Compares every table of the chain mirror with what the chain itself says: state tables with the
 * contracts' view functions, logs with the node's own event logs, aggregates with sums over both.
 * Returns one line per difference, so a test can `expect(mismatches).toEqual([])`.
 */
import {
  ClaimState,
  FeeKind,
  LeaseState,
  ListingState,
  RepairDecision,
  SlashState,
  StakeRole,
} from "@a360/contracts/deployments";
import type pg from "pg";
import { type Abi, type Address, getAddress, type Hex, zeroAddress, zeroHash } from "viem";
import { type ContractName, type ProtocolDriver, protocol } from "./protocolDriver.ts";

type Row = Record<string, unknown>;
const ACCESS_CONTROLLED: ContractName[] = [
  "FeeRouter",
  "PassportRegistry",
  "UnitToken",
  "RepairRegistry",
  "Marketplace",
  "Staking",
  "LeaseManager",
];

/** Every table the mirror has; the comparison checks each one. */
export const MIRROR_TABLES = [
  "tt_account",
  "tt_transfer",
  "stable_account",
  "stable_transfer",
  "token_approval",
  "unit",
  "unit_transfer",
  "unit_user_update",
  "unit_approval",
  "listing",
  "listing_event",
  "payment_token",
  "lease",
  "lease_event",
  "collateral_claim",
  "stake_position",
  "stake_event",
  "stake_slash",
  "staker",
  "staking_role_total",
  "reward_funding",
  "reward_payment",
  "reward_total",
  "fee_event",
  "fee_daily",
  "fee_distribution",
  "price_post",
  "oracle_price",
  "organisation",
  "manufacturer",
  "passport",
  "passport_anchor",
  "passport_batch",
  "passport_batch_item",
  "passport_revocation",
  "repair",
  "role_member",
  "role_event",
  "protocol_parameter",
  "parameter_change",
  "market_stats",
] as const;

export async function readMirrorTable(db: pg.Client, schema: string, table: string): Promise<Row[]> {
  const result = await db.query(`select * from "${schema}"."${table}" order by 1`);
  return result.rows;
}

interface ChainLog {
  eventName: string;
  blockNumber: bigint;
  blockHash: Hex;
  logIndex: number;
  args: Record<string, unknown>;
}

export async function findMirrorMismatches(driver: ProtocolDriver, db: pg.Client, schema: string): Promise<string[]> {
  const problems: string[] = [];
  const mirror: Record<string, Row[]> = {};
  for (const table of MIRROR_TABLES) mirror[table] = await readMirrorTable(db, schema, table);
  const expectEqual = (what: string, actual: unknown, expected: unknown) => {
    const [a, e] = [normalise(actual), normalise(expected)];
    if (a !== e) problems.push(`${what}: mirror ${a}, chain ${e}`);
  };
  const logsOf = async (name: ContractName, ...eventNames: string[]): Promise<ChainLog[]> => {
    const logs = (await driver.chain.reader.getContractEvents({
      address: protocol[name].address,
      abi: protocol[name].abi as Abi,
      fromBlock: 0n,
    })) as unknown as ChainLog[];
    return logs.filter((log) => eventNames.includes(log.eventName));
  };
  const byId = (table: string) => new Map(mirror[table]!.map((row) => [String(Object.values(row)[0]), row]));

  // ==== LOG TABLES: same events, same blocks, same order ====
  const logTables: Array<[string, Promise<ChainLog[]>[]]> = [
    ["tt_transfer", [logsOf("TTToken", "Transfer")]],
    ["stable_transfer", [logsOf("DevStableToken", "Transfer")]],
    ["token_approval", [logsOf("TTToken", "Approval"), logsOf("DevStableToken", "Approval")]],
    ["unit_transfer", [logsOf("UnitToken", "Transfer")]],
    ["unit_user_update", [logsOf("UnitToken", "UpdateUser")]],
    ["unit_approval", [logsOf("UnitToken", "Approval", "ApprovalForAll")]],
    ["listing_event", [logsOf("Marketplace", "ListingCreated", "ListingSold", "ListingCancelled")]],
    [
      "lease_event",
      [
        logsOf(
          "LeaseManager",
          "LeaseOffered",
          "LeaseOfferCancelled",
          "LeaseAccepted",
          "LeaseEnded",
          "RentWithdrawn",
          "DamageAttested",
          "CollateralClaimed",
          "ClaimDisputed",
          "ClaimSettled",
          "CollateralWithdrawn",
        ),
      ],
    ],
    ["stake_event", [logsOf("Staking", "Staked", "WithdrawalRequested", "Withdrawn", "Slashed")]],
    ["reward_funding", [logsOf("Staking", "RewardFunded")]],
    ["reward_payment", [logsOf("Staking", "RewardPaid")]],
    ["fee_event", [logsOf("FeeRouter", "FeeEvent")]],
    ["fee_distribution", [logsOf("FeeRouter", "FeesDistributed")]],
    ["price_post", [logsOf("PriceOracle", "PricePosted")]],
    ["passport_batch_item", [logsOf("PassportRegistry", "PassportAnchored")]],
    ["passport_revocation", [logsOf("PassportRegistry", "PassportVersionRevoked", "PassportBatchRevoked")]],
    ["role_event", ACCESS_CONTROLLED.map((name) => logsOf(name, "RoleGranted", "RoleRevoked", "RoleAdminChanged"))],
    [
      "parameter_change",
      [
        logsOf("FeeRouter", "TreasuryUpdated", "StakerShareUpdated"),
        logsOf("PassportRegistry", "AttestationFeeUpdated"),
        logsOf("RepairRegistry", "RepairFeeUpdated"),
        logsOf("Marketplace", "SaleFeeUpdated"),
      ],
    ],
  ];
  const logsByTable: Record<string, ChainLog[]> = {};
  for (const [table, sources] of logTables) {
    const logs = (await Promise.all(sources)).flat();
    logs.sort((a, b) => Number(a.blockNumber - b.blockNumber) || a.logIndex - b.logIndex);
    logsByTable[table] = logs;
    const rows = [...mirror[table]!].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expectEqual(`${table} row count`, rows.length, logs.length);
    expectEqual(
      `${table} blocks`,
      rows.map((row) => row.block_number).join(","),
      logs.map((log) => log.blockNumber).join(","),
    );
  }
  const feeLogs = logsByTable.fee_event!;
  for (const [index, row] of [...mirror.fee_event!]
    .sort((a, b) => String(a.id).localeCompare(String(b.id)))
    .entries()) {
    const args = feeLogs[index]?.args ?? {};
    expectEqual(
      `fee_event ${index}`,
      [row.kind, row.payer, row.token, row.amount, row.ref],
      [FeeKind[Number(args.kind)], args.payer, args.token, args.amount, args.ref],
    );
  }

  // ==== TOKEN BALANCES ====
  for (const [table, token] of [
    ["tt_account", "TTToken"],
    ["stable_account", "DevStableToken"],
  ] as const) {
    const holders = new Set<string>(driver.accounts.map((a) => a.toLowerCase()));
    for (const row of mirror[table]!) holders.add(String(row.address));
    const rows = byId(table);
    for (const holder of holders) {
      const balance = await driver.read<bigint>(token, "balanceOf", [holder]);
      expectEqual(`${table} ${holder}`, rows.get(holder)?.balance ?? 0n, balance);
    }
  }

  // ==== UNITS ====
  const minted = await logsOf("UnitToken", "UnitMinted");
  expectEqual("unit count", mirror.unit!.length, minted.length);
  const units = byId("unit");
  const now = (await driver.chain.reader.getBlock()).timestamp;
  for (const log of minted) {
    const id = log.args.unitId as bigint;
    const row = units.get(String(id));
    const [owner, userOf, userExpires, listingId, leaseId] = await Promise.all([
      driver.read<Address>("UnitToken", "ownerOf", [id]),
      driver.read<Address>("UnitToken", "userOf", [id]),
      driver.read<bigint>("UnitToken", "userExpires", [id]),
      driver.read<bigint>("Marketplace", "activeListingOf", [id]),
      driver.read<bigint>("LeaseManager", "activeLeaseOf", [id]),
    ]);
    const leaseState =
      leaseId === 0n ? 0 : (await driver.read<{ state: number }>("LeaseManager", "getLease", [leaseId])).state;
    const mirrorUser = row && BigInt(String(row.user_expires)) >= now ? (row.user ?? zeroAddress) : zeroAddress;
    expectEqual(
      `unit ${id}`,
      [
        row?.owner,
        mirrorUser,
        row?.user_expires,
        row?.active_listing_id ?? 0n,
        row?.is_listed,
        row?.active_lease_id ?? 0n,
        row?.is_leased,
      ],
      [owner, userOf, userExpires, listingId, listingId !== 0n, leaseId, LeaseState[leaseState] === "Active"],
    );
    expectEqual(
      `unit ${id} passport`,
      [row?.passport_public_id, row?.organisation_id, row?.manufacturer],
      [log.args.passportPublicId, log.args.organisationId, log.args.manufacturer],
    );
  }

  // ==== MARKETPLACE ====
  const listingCount = await driver.read<bigint>("Marketplace", "listingCount");
  expectEqual("listing count", mirror.listing!.length, listingCount);
  const listings = byId("listing");
  let activeListings = 0;
  for (let id = 1n; id <= listingCount; id++) {
    const chain = await driver.read<Row>("Marketplace", "getListing", [id]);
    const row = listings.get(String(id));
    if (ListingState[Number(chain.state)] === "Active") activeListings++;
    expectEqual(
      `listing ${id}`,
      [
        row?.seller,
        row?.payment_token,
        row?.unit_id,
        row?.price,
        row?.passport_hash,
        row?.passport_version,
        row?.fee_bps,
        row?.state,
        row?.buyer ?? zeroAddress,
      ],
      [
        chain.seller,
        chain.paymentToken,
        chain.unitId,
        chain.price,
        chain.passportHash,
        chain.passportVersion,
        chain.feeBps,
        ListingState[Number(chain.state)],
        chain.buyer,
      ],
    );
  }
  for (const row of mirror.payment_token!) {
    expectEqual(
      `payment_token ${row.token}`,
      row.is_allowed,
      await driver.read<boolean>("Marketplace", "isPaymentTokenAllowed", [row.token]),
    );
  }
  for (const token of [protocol.TTToken.address, protocol.DevStableToken.address]) {
    expectEqual(`payment_token ${token} known`, byId("payment_token").has(token.toLowerCase()), true);
  }

  // ==== LEASES ====
  const leaseCount = await driver.read<bigint>("LeaseManager", "leaseCount");
  expectEqual("lease count", mirror.lease!.length, leaseCount);
  const leases = byId("lease");
  const leaseStates: string[] = [];
  for (let id = 1n; id <= leaseCount; id++) {
    const chain = await driver.read<Row>("LeaseManager", "getLease", [id]);
    const row = leases.get(String(id));
    leaseStates.push(LeaseState[Number(chain.state)]!);
    expectEqual(
      `lease ${id}`,
      [
        row?.lessor,
        row?.lessee ?? zeroAddress,
        row?.unit_id,
        row?.rate_per_day,
        row?.required_collateral,
        row?.rent_due,
        row?.stable_collateral,
        row?.tt_collateral,
        row?.starts_at,
        row?.ends_at,
        row?.claim_deadline,
        row?.max_days,
        row?.state,
      ],
      [
        chain.lessor,
        chain.lessee,
        chain.unitId,
        chain.ratePerDay,
        chain.requiredCollateral,
        chain.rentDue,
        chain.stableCollateral,
        chain.ttCollateral,
        chain.startsAt,
        chain.endsAt,
        chain.claimDeadline,
        chain.maxDays,
        LeaseState[Number(chain.state)],
      ],
    );
  }
  const repairCount = await driver.read<bigint>("RepairRegistry", "repairCount");
  const claims = byId("collateral_claim");
  for (let id = 1n; id <= repairCount; id++) {
    expectEqual(
      `collateral_claim for repair ${id}`,
      claims.has(String(id)),
      await driver.read<boolean>("LeaseManager", "isRepairClaimed", [id]),
    );
  }
  for (const row of mirror.collateral_claim!) {
    const chain = await driver.read<Row>("LeaseManager", "getClaim", [row.lease_id]);
    expectEqual(
      `collateral_claim ${row.repair_id}`,
      [row.provider, row.position_id, row.damage, row.stable_amount, row.tt_amount, row.state],
      [
        chain.provider,
        chain.positionId,
        chain.damage,
        chain.stableAmount,
        chain.ttAmount,
        ClaimState[Number(chain.state)],
      ],
    );
  }
  // A missing singleton row means nothing happened yet: all zero.
  const stats = mirror.market_stats![0] ?? {
    active_listings: 0,
    offered_leases: 0,
    active_leases: 0,
    listings_created: 0,
  };
  expectEqual(
    "market_stats",
    [stats.active_listings, stats.offered_leases, stats.active_leases, stats.listings_created],
    [
      activeListings,
      leaseStates.filter((s) => s === "Offered").length,
      leaseStates.filter((s) => s === "Active").length,
      listingCount,
    ],
  );

  // ==== REPAIRS ====
  expectEqual("repair count", mirror.repair!.length, repairCount);
  const repairs = byId("repair");
  for (let id = 1n; id <= repairCount; id++) {
    const chain = await driver.read<Row>("RepairRegistry", "getRepair", [id]);
    const row = repairs.get(String(id));
    expectEqual(
      `repair ${id}`,
      [row?.unit_id, row?.form_hash, row?.provider, row?.time, row?.decision],
      [chain.unitId, chain.formHash, chain.provider, chain.time, RepairDecision[Number(chain.decision)]],
    );
  }

  // ==== STAKING ====
  const positionCount = await driver.read<bigint>("Staking", "positionCount");
  expectEqual("stake_position count", mirror.stake_position!.length, positionCount);
  const positions = byId("stake_position");
  const tvl = new Map<string, bigint>();
  for (let id = 1n; id <= positionCount; id++) {
    const chain = await driver.read<Row>("Staking", "getPosition", [id]);
    const row = positions.get(String(id));
    const role = StakeRole[Number(chain.role)]!;
    tvl.set(role, (tvl.get(role) ?? 0n) + (chain.amount as bigint));
    expectEqual(
      `stake_position ${id}`,
      [row?.owner, row?.role, row?.unlocks_at, row?.amount, row?.unbonding, row?.unbonds_at, row?.held_until],
      [chain.owner, role, chain.unlocksAt, chain.amount, chain.unbonding, chain.unbondsAt, chain.heldUntil],
    );
  }
  const slashCount = await driver.read<bigint>("Staking", "slashCount");
  expectEqual("stake_slash count", mirror.stake_slash!.length, slashCount);
  const slashes = byId("stake_slash");
  for (let id = 1n; id <= slashCount; id++) {
    const chain = await driver.read<Row>("Staking", "getSlash", [id]);
    const row = slashes.get(String(id));
    expectEqual(
      `stake_slash ${id}`,
      [row?.position_id, row?.amount, row?.beneficiary, row?.slasher, row?.appeal_deadline, row?.state, row?.reason],
      [
        chain.positionId,
        chain.amount,
        chain.beneficiary,
        chain.slasher,
        chain.appealDeadline,
        SlashState[Number(chain.state)],
        chain.reason,
      ],
    );
  }
  for (const row of mirror.staking_role_total!)
    expectEqual(`TVL ${row.role}`, row.staked, tvl.get(String(row.role)) ?? 0n);
  expectEqual("TVL roles", mirror.staking_role_total!.length, tvl.size);
  for (const row of mirror.staker!) {
    expectEqual(`staker ${row.address}`, row.staked, await driver.read<bigint>("Staking", "balanceOf", [row.address]));
  }
  const rewardTotal = mirror.reward_total![0] ?? { funded: 0, claimed: 0, reward_rate: 0, period_finish: 0 };
  expectEqual(
    "reward_total",
    [rewardTotal.funded, rewardTotal.claimed, rewardTotal.reward_rate, rewardTotal.period_finish],
    [
      await driver.read<bigint>("Staking", "totalRewardsFunded"),
      await driver.read<bigint>("Staking", "totalRewardsClaimed"),
      await driver.read<bigint>("Staking", "rewardRate"),
      await driver.read<bigint>("Staking", "periodFinish"),
    ],
  );
  const claimedByAccount = new Map<string, bigint>();
  for (const log of logsByTable.reward_payment!) {
    const account = String(log.args.account).toLowerCase();
    claimedByAccount.set(account, (claimedByAccount.get(account) ?? 0n) + (log.args.amount as bigint));
  }
  for (const row of mirror.staker!)
    expectEqual(`staker ${row.address} rewards`, row.rewards_claimed, claimedByAccount.get(String(row.address)) ?? 0n);

  // ==== FEES ====
  const daily = new Map<string, { amount: bigint; count: number }>();
  for (const log of feeLogs) {
    const block = await driver.chain.reader.getBlock({ blockNumber: log.blockNumber });
    const day = new Date(Number(block.timestamp) * 1000).toISOString().slice(0, 10);
    const key = `${FeeKind[Number(log.args.kind)]}|${String(log.args.token).toLowerCase()}|${day}`;
    const entry = daily.get(key) ?? { amount: 0n, count: 0 };
    daily.set(key, { amount: entry.amount + (log.args.amount as bigint), count: entry.count + 1 });
  }
  expectEqual("fee_daily rows", mirror.fee_daily!.length, daily.size);
  for (const row of mirror.fee_daily!) {
    const expected = daily.get(`${row.kind}|${row.token}|${row.day}`);
    expectEqual(
      `fee_daily ${row.kind} ${row.token} ${row.day}`,
      [row.amount, row.count],
      [expected?.amount, expected?.count],
    );
  }

  // ==== ORACLE ====
  const [price, postedAt, reporter] = await driver.read<[bigint, bigint, Address]>("PriceOracle", "latestPost");
  const oracle = mirror.oracle_price![0] ?? { price: 0, posted_at: 0, reporter: zeroAddress };
  expectEqual("oracle_price", [oracle.price, oracle.posted_at, oracle.reporter], [price, postedAt, reporter]);

  // ==== PASSPORTS ====
  const registered = await logsOf("PassportRegistry", "OrganisationRegistered");
  const organisationIds = new Set(registered.map((log) => log.args.organisationId as Hex));
  expectEqual("organisation count", mirror.organisation!.length, organisationIds.size);
  for (const row of mirror.organisation!) {
    const name = await driver.read<string>("PassportRegistry", "organisationName", [row.id]);
    expectEqual(`organisation ${row.id}`, row.name, name);
  }
  for (const row of mirror.manufacturer!) {
    const organisation = await driver.read<Hex>("PassportRegistry", "organisationOf", [row.wallet]);
    expectEqual(`manufacturer ${row.wallet}`, row.is_active ? row.organisation_id : zeroHash, organisation);
  }
  const anchored = await logsOf("PassportRegistry", "PassportVersionAnchored");
  expectEqual("passport_anchor count", mirror.passport_anchor!.length, anchored.length);
  const anchors = new Map(mirror.passport_anchor!.map((row) => [`${row.passport_id}|${row.version}`, row]));
  for (const log of anchored) {
    const { passportId, version } = log.args as { passportId: Hex; version: bigint };
    const chain = await driver.read<Row>("PassportRegistry", "getPassportAnchor", [passportId, version]);
    const row = anchors.get(`${passportId}|${version}`);
    expectEqual(
      `passport_anchor ${passportId} v${version}`,
      [
        row?.hash,
        row?.previous_hash,
        row?.organisation_id,
        row?.batch_root,
        row?.attester,
        row?.time,
        row?.revocation_time,
      ],
      [
        chain.hash,
        chain.previousHash,
        chain.organisationId,
        chain.batchRoot,
        chain.attester,
        chain.time,
        chain.revocationTime,
      ],
    );
  }
  const passportIds = new Set(anchored.map((log) => log.args.passportId as Hex));
  expectEqual("passport count", mirror.passport!.length, passportIds.size);
  const passports = byId("passport");
  for (const id of passportIds) {
    const [version, hash] = await driver.read<[bigint, Hex]>("PassportRegistry", "latestPassportVersion", [id]);
    const organisation = await driver.read<Hex>("PassportRegistry", "passportOrganisation", [id]);
    const row = passports.get(id);
    expectEqual(
      `passport ${id}`,
      [row?.latest_version, row?.latest_hash, row?.organisation_id],
      [version, hash, organisation],
    );
  }
  const batchesAnchored = await logsOf("PassportRegistry", "PassportBatchAnchored");
  expectEqual("passport_batch count", mirror.passport_batch!.length, batchesAnchored.length);
  const batches = byId("passport_batch");
  for (const log of batchesAnchored) {
    const root = log.args.root as Hex;
    const [batch, revocationTime] = await driver.read<[Row, bigint]>("PassportRegistry", "getBatch", [root]);
    const row = batches.get(root);
    expectEqual(
      `passport_batch ${root}`,
      [
        ...[row?.attester, row?.time, row?.leaf_count, row?.revocation_time, row?.has_per_passport_events],
        ...[row?.block_number, row?.block_hash, row?.log_index],
      ],
      [
        ...[batch.attester, batch.time, batch.leafCount, revocationTime, log.args.perPassportEvents],
        ...[log.blockNumber, log.blockHash, log.logIndex],
      ],
    );
  }

  // ==== GOVERNANCE ====
  for (const row of mirror.role_member!) {
    const contract = (Object.keys(protocol) as ContractName[]).find(
      (name) => protocol[name].address.toLowerCase() === row.contract,
    );
    const isMember = await driver.read<boolean>(contract!, "hasRole", [row.role, row.account]);
    expectEqual(`role_member ${contract} ${row.role} ${row.account}`, row.is_member, isMember);
  }
  const parameterViews: Record<string, [ContractName, string]> = {
    treasury: ["FeeRouter", "treasury"],
    stakerShareBps: ["FeeRouter", "stakerShareBps"],
    attestationFee: ["PassportRegistry", "attestationFee"],
    repairFee: ["RepairRegistry", "repairFee"],
    saleFeeBps: ["Marketplace", "saleFeeBps"],
  };
  for (const row of mirror.protocol_parameter!) {
    const [contract, view] = parameterViews[String(row.name)]!;
    expectEqual(`protocol_parameter ${row.name}`, row.value, await driver.read<unknown>(contract, view));
  }
  return problems;
}

/** One spelling for values from Postgres (strings, lowercase hex) and from viem (bigint, checksummed). */
function normalise(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(normalise).join(", ")}]`;
  if (value === null || value === undefined) return "none";
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) return getAddress(value);
  if (typeof value === "string" && /^0x[0-9a-fA-F]*$/.test(value)) return value.toLowerCase();
  return String(value);
}
