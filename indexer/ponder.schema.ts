/**
 * The chain mirror. Each on-chain concept has a state table keyed by its on-chain id and, where it
 * has a history, an append-only log keyed by the log's `event.id`. Aggregates the dashboards read
 * (TVL by role, fees by kind and day, open listings and leases) are kept by the handlers.
 * Column names become snake_case in Postgres; the api reads them through the views schema.
 * Secondary indexes exist only for the queries api/ runs: Ponder builds every index after the
 * backfill, so each one delays /ready and none is free.
 */
import { index, onchainEnum, onchainTable, primaryKey } from "ponder";
import {
  ClaimState,
  FeeKind,
  LeaseState,
  ListingState,
  RepairDecision,
  SlashState,
  StakeRole,
} from "./src/lib/onchainEnums";

// A listing or lease row exists only once created: the enums' zero value (None) is never stored.
const [, ...storedListingStates] = ListingState;
const [, ...storedLeaseStates] = LeaseState;
const [, ...storedClaimStates] = ClaimState;
const [, ...storedSlashStates] = SlashState;

export const listingState = onchainEnum("listing_state", storedListingStates);
export const leaseState = onchainEnum("lease_state", storedLeaseStates);
export const claimState = onchainEnum("claim_state", storedClaimStates);
export const slashState = onchainEnum("slash_state", storedSlashStates);
export const stakeRole = onchainEnum("stake_role", StakeRole);
export const feeKind = onchainEnum("fee_kind", FeeKind);
export const repairDecision = onchainEnum("repair_decision", RepairDecision);

// ==== TOKENS ====

/** Current TT balance per account, kept up to date by Transfer events. */
export const ttAccount = onchainTable("tt_account", (t) => ({
  address: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
}));

/** Every TT transfer, mints and burns included; keyed by the log's event id. */
export const ttTransfer = onchainTable(
  "tt_transfer",
  (t) => ({
    id: t.text().primaryKey(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  // api/ lists an account's transfers: `where "from" = $1 or "to" = $1` (ChainMirror.listTtTransfers).
  (table) => ({ fromIdx: index().on(table.from), toIdx: index().on(table.to) }),
);

/** Current stable-token (EUR) balance per account. */
export const stableAccount = onchainTable("stable_account", (t) => ({
  address: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
}));

/** Every stable-token transfer; keyed by event id. */
export const stableTransfer = onchainTable("stable_transfer", (t) => ({
  id: t.text().primaryKey(),
  from: t.hex().notNull(),
  to: t.hex().notNull(),
  amount: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
  logIndex: t.integer().notNull(),
}));

/**
 * ERC-20 Approval events of TT and the stable token. A log only: OpenZeppelin 5 does not emit
 * Approval when `transferFrom` spends an allowance, so a current-allowance table would lie.
 */
export const tokenApproval = onchainTable("token_approval", (t) => ({
  id: t.text().primaryKey(),
  token: t.hex().notNull(),
  owner: t.hex().notNull(),
  spender: t.hex().notNull(),
  amount: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

// ==== UNITS ====

/**
 * One row per unit token. `owner` is the ERC-721 owner (the marketplace or lease manager while the
 * unit is in escrow); `user`/`userExpires` are the ERC-4907 record as last set (the user is only
 * current while `userExpires` >= now).
 */
export const unit = onchainTable("unit", (t) => ({
  id: t.bigint().primaryKey(),
  passportId: t.hex().notNull(),
  passportPublicId: t.text().notNull(),
  organisationId: t.hex().notNull(),
  manufacturer: t.hex().notNull(),
  owner: t.hex().notNull(),
  user: t.hex(),
  userExpires: t.bigint().notNull(),
  activeListingId: t.bigint(),
  activeLeaseId: t.bigint(),
  isListed: t.boolean().notNull(),
  isLeased: t.boolean().notNull(),
  mintedAt: t.bigint().notNull(),
  mintedAtBlock: t.bigint().notNull(),
  updatedAtBlock: t.bigint().notNull(),
}));

/** Every unit-token transfer (mints included). */
export const unitTransfer = onchainTable("unit_transfer", (t) => ({
  id: t.text().primaryKey(),
  unitId: t.bigint().notNull(),
  from: t.hex().notNull(),
  to: t.hex().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** Every ERC-4907 UpdateUser event (a zero user means cleared). */
export const unitUserUpdate = onchainTable("unit_user_update", (t) => ({
  id: t.text().primaryKey(),
  unitId: t.bigint().notNull(),
  user: t.hex().notNull(),
  expires: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** ERC-721 Approval (`unitId` set) and ApprovalForAll (`unitId` null) events. */
export const unitApproval = onchainTable("unit_approval", (t) => ({
  id: t.text().primaryKey(),
  unitId: t.bigint(),
  owner: t.hex().notNull(),
  operator: t.hex().notNull(),
  isApproved: t.boolean().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

// ==== MARKETPLACE ====

export const listing = onchainTable("listing", (t) => ({
  id: t.bigint().primaryKey(),
  unitId: t.bigint().notNull(),
  seller: t.hex().notNull(),
  paymentToken: t.hex().notNull(),
  price: t.bigint().notNull(),
  feeBps: t.integer().notNull(),
  passportHash: t.hex().notNull(),
  passportVersion: t.bigint().notNull(),
  state: listingState("state").notNull(),
  buyer: t.hex(),
  fee: t.bigint(),
  createdAt: t.bigint().notNull(),
  createdAtBlock: t.bigint().notNull(),
  closedAt: t.bigint(),
}));

/** Append-only state history of listings. */
export const listingEvent = onchainTable("listing_event", (t) => ({
  id: t.text().primaryKey(),
  listingId: t.bigint().notNull(),
  state: listingState("state").notNull(),
  actor: t.hex().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** Tokens the marketplace accepts (PaymentTokenAllowed events). */
export const paymentToken = onchainTable("payment_token", (t) => ({
  token: t.hex().primaryKey(),
  isAllowed: t.boolean().notNull(),
  updatedAtBlock: t.bigint().notNull(),
}));

// ==== LEASES ====

/** One lease from offer to settlement; collateral columns are what the contract still holds. */
export const lease = onchainTable("lease", (t) => ({
  id: t.bigint().primaryKey(),
  unitId: t.bigint().notNull(),
  lessor: t.hex().notNull(),
  lessee: t.hex(),
  ratePerDay: t.bigint().notNull(),
  maxDays: t.integer().notNull(),
  requiredCollateral: t.bigint().notNull(),
  durationDays: t.integer(),
  rent: t.bigint(),
  fee: t.bigint(),
  /** Rent owed to the lessor until it pulls it ({RentWithdrawn}). */
  rentDue: t.bigint().notNull(),
  rentPaid: t.bigint(),
  ttPrice: t.bigint(),
  stableCollateral: t.bigint().notNull(),
  ttCollateral: t.bigint().notNull(),
  stableClaimed: t.bigint().notNull(),
  ttClaimed: t.bigint().notNull(),
  stableWithdrawn: t.bigint().notNull(),
  ttWithdrawn: t.bigint().notNull(),
  startsAt: t.bigint().notNull(),
  endsAt: t.bigint().notNull(),
  claimDeadline: t.bigint().notNull(),
  /** The repair whose damage attestation backs the lease's claim, and where that claim is (null: none). */
  claimRepairId: t.bigint(),
  claimState: claimState("claim_state"),
  state: leaseState("state").notNull(),
  offeredAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Append-only history of leases: state changes, claims and withdrawals with their amounts. */
export const leaseEvent = onchainTable("lease_event", (t) => ({
  id: t.text().primaryKey(),
  leaseId: t.bigint().notNull(),
  state: leaseState("state").notNull(),
  actor: t.hex().notNull(),
  repairId: t.bigint(),
  stableAmount: t.bigint(),
  ttAmount: t.bigint(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/**
 * Damage claims, keyed by the repair an independent provider attested them on (each repair backs at
 * most one): the attested damage, the collateral the lessor set aside against it, and how it ended.
 */
export const collateralClaim = onchainTable("collateral_claim", (t) => ({
  repairId: t.bigint().primaryKey(),
  leaseId: t.bigint().notNull(),
  lessor: t.hex().notNull(),
  provider: t.hex().notNull(),
  positionId: t.bigint().notNull(),
  damage: t.bigint().notNull(),
  stableAmount: t.bigint().notNull(),
  ttAmount: t.bigint().notNull(),
  state: claimState("state").notNull(),
  disputeDeadline: t.bigint(),
  arbitrationDeadline: t.bigint(),
  slashId: t.bigint(),
  attestedAt: t.bigint().notNull(),
  claimedAt: t.bigint(),
  updatedAt: t.bigint().notNull(),
}));

// ==== STAKING ====

export const stakePosition = onchainTable("stake_position", (t) => ({
  id: t.bigint().primaryKey(),
  owner: t.hex().notNull(),
  role: stakeRole("role").notNull(),
  /** Active TT: backs the role and earns. */
  amount: t.bigint().notNull(),
  /** TT requested out, waiting until `unbondsAt`; still slashable. */
  unbonding: t.bigint().notNull(),
  unbondsAt: t.bigint().notNull(),
  heldUntil: t.bigint().notNull(),
  stakedAmount: t.bigint().notNull(),
  withdrawnAmount: t.bigint().notNull(),
  slashedAmount: t.bigint().notNull(),
  unlocksAt: t.bigint().notNull(),
  openedAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Append-only Staked / WithdrawalRequested / Withdrawn / Slashed history. */
export const stakeEvent = onchainTable("stake_event", (t) => ({
  id: t.text().primaryKey(),
  positionId: t.bigint().notNull(),
  owner: t.hex().notNull(),
  role: stakeRole("role").notNull(),
  kind: t.text().$type<"Staked" | "WithdrawalRequested" | "Withdrawn" | "Slashed">().notNull(),
  amount: t.bigint().notNull(),
  remaining: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** Slashes of stake positions, from proposal through appeal to execution or overturn. */
export const stakeSlash = onchainTable("stake_slash", (t) => ({
  id: t.bigint().primaryKey(),
  positionId: t.bigint().notNull(),
  slasher: t.hex().notNull(),
  amount: t.bigint().notNull(),
  beneficiary: t.hex().notNull(),
  appealDeadline: t.bigint().notNull(),
  reason: t.hex().notNull(),
  state: slashState("state").notNull(),
  slashedAmount: t.bigint().notNull(),
  proposedAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Per account: TT staked across positions (the contract's `balanceOf`) and rewards claimed. */
export const staker = onchainTable("staker", (t) => ({
  address: t.hex().primaryKey(),
  staked: t.bigint().notNull(),
  rewardsClaimed: t.bigint().notNull(),
  positionCount: t.integer().notNull(),
}));

/** Aggregate: TVL and open positions per role. */
export const stakingRoleTotal = onchainTable("staking_role_total", (t) => ({
  role: stakeRole("role").primaryKey(),
  staked: t.bigint().notNull(),
  openPositions: t.integer().notNull(),
}));

/** Every RewardFunded event: the amount added and the stream it starts (rate scaled by 1e18, per second). */
export const rewardFunding = onchainTable("reward_funding", (t) => ({
  id: t.text().primaryKey(),
  funder: t.hex().notNull(),
  amount: t.bigint().notNull(),
  rewardRate: t.bigint().notNull(),
  periodFinish: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** Every RewardPaid event. */
export const rewardPayment = onchainTable("reward_payment", (t) => ({
  id: t.text().primaryKey(),
  account: t.hex().notNull(),
  amount: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** Aggregate, one row per staking contract: rewards funded and claimed, and the current stream. */
export const rewardTotal = onchainTable("reward_total", (t) => ({
  staking: t.hex().primaryKey(),
  funded: t.bigint().notNull(),
  claimed: t.bigint().notNull(),
  rewardRate: t.bigint().notNull(),
  periodFinish: t.bigint().notNull(),
}));

// ==== FEES ====

/** Every FeeEvent: one per sale, lease, repair and attestation. */
export const feeEvent = onchainTable("fee_event", (t) => ({
  id: t.text().primaryKey(),
  kind: feeKind("kind").notNull(),
  payer: t.hex().notNull(),
  token: t.hex().notNull(),
  amount: t.bigint().notNull(),
  ref: t.hex().notNull(),
  day: t.text().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** Aggregate: fees per kind, token and UTC day (`YYYY-MM-DD`). */
export const feeDaily = onchainTable(
  "fee_daily",
  (t) => ({
    kind: feeKind("kind").notNull(),
    token: t.hex().notNull(),
    day: t.text().notNull(),
    amount: t.bigint().notNull(),
    count: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.kind, table.token, table.day] }) }),
);

/** Every FeesDistributed event. */
export const feeDistribution = onchainTable("fee_distribution", (t) => ({
  id: t.text().primaryKey(),
  token: t.hex().notNull(),
  toStakers: t.bigint().notNull(),
  toTreasury: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

// ==== ORACLE ====

/** Every PricePosted event (TT/EUR, 18 decimals). */
export const pricePost = onchainTable("price_post", (t) => ({
  id: t.text().primaryKey(),
  oracle: t.hex().notNull(),
  reporter: t.hex().notNull(),
  price: t.bigint().notNull(),
  postedAt: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
}));

/** The latest post per oracle contract, as `latestPost()` returns it. */
export const oraclePrice = onchainTable("oracle_price", (t) => ({
  oracle: t.hex().primaryKey(),
  price: t.bigint().notNull(),
  postedAt: t.bigint().notNull(),
  reporter: t.hex().notNull(),
}));

// ==== PASSPORTS ====

/** Organisations the registry admin registered, with the name verdicts show as the issuer. */
export const organisation = onchainTable("organisation", (t) => ({
  id: t.hex().primaryKey(),
  name: t.text().notNull(),
  updatedAtBlock: t.bigint().notNull(),
}));

/** Manufacturer wallets and their organisation (kept after revocation with `isActive` false). */
export const manufacturer = onchainTable("manufacturer", (t) => ({
  wallet: t.hex().primaryKey(),
  organisationId: t.hex().notNull(),
  isActive: t.boolean().notNull(),
  updatedAtBlock: t.bigint().notNull(),
}));

/**
 * One row per passport with anchored versions. `latestHash` follows `latestPassportVersion`: zero
 * when the latest version is revoked.
 */
export const passport = onchainTable("passport", (t) => ({
  id: t.hex().primaryKey(),
  organisationId: t.hex().notNull(),
  latestVersion: t.bigint().notNull(),
  latestHash: t.hex().notNull(),
  anchorCount: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Every anchored passport version (single, or proven from a batch), keyed by the registry's anchor uid. */
export const passportAnchor = onchainTable("passport_anchor", (t) => ({
  uid: t.hex().primaryKey(),
  passportId: t.hex().notNull(),
  version: t.bigint().notNull(),
  organisationId: t.hex().notNull(),
  hash: t.hex().notNull(),
  previousHash: t.hex().notNull(),
  attester: t.hex().notNull(),
  batchRoot: t.hex().notNull(),
  time: t.bigint().notNull(),
  revocationTime: t.bigint().notNull(),
  revoker: t.hex(),
  blockNumber: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/**
 * Anchored Merkle batches (only the root is on chain). `blockHash` and `logIndex` locate the
 * anchoring PassportBatchAnchored log, so a reader can tell a batch of another chain (or a reorged
 * block) from this one without re-reading the log.
 */
export const passportBatch = onchainTable("passport_batch", (t) => ({
  root: t.hex().primaryKey(),
  organisationId: t.hex().notNull(),
  attester: t.hex().notNull(),
  leafCount: t.integer().notNull(),
  hasPerPassportEvents: t.boolean().notNull(),
  time: t.bigint().notNull(),
  revocationTime: t.bigint().notNull(),
  revoker: t.hex(),
  blockNumber: t.bigint().notNull(),
  blockHash: t.hex().notNull(),
  transactionHash: t.hex().notNull(),
  logIndex: t.integer().notNull(),
}));

/** Per-passport PassportAnchored events of batches anchored with them. */
export const passportBatchItem = onchainTable("passport_batch_item", (t) => ({
  id: t.text().primaryKey(),
  root: t.hex().notNull(),
  passportId: t.hex().notNull(),
  blockNumber: t.bigint().notNull(),
  logIndex: t.integer().notNull(),
}));

/** Append-only revocations of passport versions (`version` set) and batches (`root` set). */
export const passportRevocation = onchainTable("passport_revocation", (t) => ({
  id: t.text().primaryKey(),
  passportId: t.hex(),
  version: t.bigint(),
  root: t.hex(),
  organisationId: t.hex().notNull(),
  revoker: t.hex().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

// ==== REPAIRS ====

export const repair = onchainTable("repair", (t) => ({
  id: t.bigint().primaryKey(),
  unitId: t.bigint().notNull(),
  provider: t.hex().notNull(),
  formHash: t.hex().notNull(),
  decision: repairDecision("decision").notNull(),
  fee: t.bigint().notNull(),
  time: t.bigint().notNull(),
  claimedByLeaseId: t.bigint(),
  blockNumber: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

// ==== GOVERNANCE ====

/** AccessControl membership per contract and role. */
export const roleMember = onchainTable(
  "role_member",
  (t) => ({
    contract: t.hex().notNull(),
    role: t.hex().notNull(),
    account: t.hex().notNull(),
    isMember: t.boolean().notNull(),
    updatedAtBlock: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.contract, table.role, table.account] }),
  }),
);

/** Append-only RoleGranted / RoleRevoked / RoleAdminChanged history. */
export const roleEvent = onchainTable("role_event", (t) => ({
  id: t.text().primaryKey(),
  contract: t.hex().notNull(),
  kind: t.text().$type<"Granted" | "Revoked" | "AdminChanged">().notNull(),
  role: t.hex().notNull(),
  account: t.hex(),
  sender: t.hex(),
  previousAdminRole: t.hex(),
  newAdminRole: t.hex(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/**
 * Protocol parameters changed by admin events (fees, treasury, staker share), as decimal or hex
 * text. Values set in constructors emit no event and appear only after their first change.
 */
export const protocolParameter = onchainTable(
  "protocol_parameter",
  (t) => ({
    contract: t.hex().notNull(),
    name: t.text().notNull(),
    value: t.text().notNull(),
    updatedAtBlock: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.name] }) }),
);

/** Append-only history of parameter changes. */
export const parameterChange = onchainTable("parameter_change", (t) => ({
  id: t.text().primaryKey(),
  contract: t.hex().notNull(),
  name: t.text().notNull(),
  previousValue: t.text().notNull(),
  newValue: t.text().notNull(),
  blockNumber: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

// ==== AGGREGATES ====

/** Dashboard counters for the market, one row keyed by the marketplace address. */
export const marketStats = onchainTable("market_stats", (t) => ({
  id: t.text().primaryKey(),
  activeListings: t.integer().notNull(),
  listingsCreated: t.integer().notNull(),
  listingsSold: t.integer().notNull(),
  offeredLeases: t.integer().notNull(),
  activeLeases: t.integer().notNull(),
  leasesOffered: t.integer().notNull(),
}));
