import type { ChainMirror } from "../chain/ChainMirror.ts";
import { NotFoundError } from "../errors/ApiError.ts";
import {
  type MarketUnitSummary,
  type MarketUnitSummaryRow,
  selectMarketUnitSummary,
  toMarketUnitSummary,
} from "./MarketUnitSummary.ts";

export interface MarketUnit {
  summary: MarketUnitSummary;
  owner: string;
  /** The ERC-4907 user while `userExpires` has not passed, else null. */
  user: string | null;
  userExpires: bigint;
  activeListingId: bigint | null;
  activeLeaseId: bigint | null;
  /** The passport's anchoring as the registry holds it; null when no version is anchored. */
  anchor: { latestVersion: bigint; isRevoked: boolean; anchorCount: number } | null;
  history: {
    owners: Array<{ from: string; to: string; at: Date; transactionHash: string }>;
    listings: Array<{
      listingId: bigint;
      seller: string;
      buyer: string | null;
      price: bigint;
      paymentToken: string;
      state: string;
      createdAt: Date;
    }>;
    leases: Array<{
      leaseId: bigint;
      lessor: string;
      lessee: string | null;
      ratePerDay: bigint;
      state: string;
      startsAt: bigint;
      endsAt: bigint;
    }>;
    repairs: Array<{ repairId: bigint; provider: string; decision: string; at: Date; claimedByLeaseId: bigint | null }>;
  };
}

const ZERO_HASH = `0x${"0".repeat(64)}`;

/** A unit token with its passport summary, registry state and history (owners, listings, leases, repairs). */
export async function getMarketUnit(mirror: ChainMirror, unitId: bigint, now: Date): Promise<MarketUnit> {
  const s = `"${mirror.schema}"`;
  const unit = selectMarketUnitSummary();
  const id = unitId.toString();
  const [units, owners, listings, leases, repairs] = await Promise.all([
    mirror.query<
      MarketUnitSummaryRow & {
        owner: string;
        user: string | null;
        user_expires: string;
        active_listing_id: string | null;
        active_lease_id: string | null;
        latest_version: string | null;
        latest_hash: string | null;
        anchor_count: number | null;
      }
    >(
      `select ${unit.columns}, u.owner, u."user", u.user_expires::text as user_expires,
              u.active_listing_id::text as active_listing_id, u.active_lease_id::text as active_lease_id,
              pp.latest_version::text as latest_version, pp.latest_hash, pp.anchor_count
         from ${s}.unit u
         ${unit.joins}
         left join ${s}.passport pp on pp.id = u.passport_id
        where u.id = $1::numeric`,
      id,
    ),
    mirror.query<{ from: string; to: string; timestamp: string; transaction_hash: string }>(
      `select "from", "to", timestamp::text as timestamp, transaction_hash from ${s}.unit_transfer
        where unit_id = $1::numeric order by block_number, id`,
      id,
    ),
    mirror.query<{
      id: string;
      seller: string;
      buyer: string | null;
      price: string;
      payment_token: string;
      state: string;
      created_at: string;
    }>(
      `select id::text as id, seller, buyer, price::text as price, payment_token, state::text as state,
              created_at::text as created_at
         from ${s}.listing where unit_id = $1::numeric order by id desc`,
      id,
    ),
    mirror.query<{
      id: string;
      lessor: string;
      lessee: string | null;
      rate_per_day: string;
      state: string;
      starts_at: string;
      ends_at: string;
    }>(
      `select id::text as id, lessor, lessee, rate_per_day::text as rate_per_day, state::text as state,
              starts_at::text as starts_at, ends_at::text as ends_at
         from ${s}.lease where unit_id = $1::numeric order by id desc`,
      id,
    ),
    mirror.query<{ id: string; provider: string; decision: string; time: string; claimed_by_lease_id: string | null }>(
      `select id::text as id, provider, decision::text as decision, time::text as time,
              claimed_by_lease_id::text as claimed_by_lease_id
         from ${s}.repair where unit_id = $1::numeric order by id desc`,
      id,
    ),
  ]);
  const row = units[0];
  if (!row) throw new NotFoundError("unit");
  const userExpires = BigInt(row.user_expires);
  const userIsCurrent = row.user !== null && userExpires >= BigInt(Math.floor(now.getTime() / 1000));
  return {
    summary: toMarketUnitSummary(row),
    owner: row.owner.toLowerCase(),
    user: userIsCurrent ? (row.user?.toLowerCase() ?? null) : null,
    userExpires,
    activeListingId: row.active_listing_id === null ? null : BigInt(row.active_listing_id),
    activeLeaseId: row.active_lease_id === null ? null : BigInt(row.active_lease_id),
    anchor:
      row.latest_version === null
        ? null
        : {
            latestVersion: BigInt(row.latest_version),
            isRevoked: row.latest_hash === ZERO_HASH,
            anchorCount: row.anchor_count ?? 0,
          },
    history: {
      owners: owners.map((transfer) => ({
        from: transfer.from.toLowerCase(),
        to: transfer.to.toLowerCase(),
        at: new Date(Number(transfer.timestamp) * 1000),
        transactionHash: transfer.transaction_hash,
      })),
      listings: listings.map((listing) => ({
        listingId: BigInt(listing.id),
        seller: listing.seller.toLowerCase(),
        buyer: listing.buyer?.toLowerCase() ?? null,
        price: BigInt(listing.price),
        paymentToken: listing.payment_token.toLowerCase(),
        state: listing.state,
        createdAt: new Date(Number(listing.created_at) * 1000),
      })),
      leases: leases.map((lease) => ({
        leaseId: BigInt(lease.id),
        lessor: lease.lessor.toLowerCase(),
        lessee: lease.lessee?.toLowerCase() ?? null,
        ratePerDay: BigInt(lease.rate_per_day),
        state: lease.state,
        startsAt: BigInt(lease.starts_at),
        endsAt: BigInt(lease.ends_at),
      })),
      repairs: repairs.map((repair) => ({
        repairId: BigInt(repair.id),
        provider: repair.provider.toLowerCase(),
        decision: repair.decision,
        at: new Date(Number(repair.time) * 1000),
        claimedByLeaseId: repair.claimed_by_lease_id === null ? null : BigInt(repair.claimed_by_lease_id),
      })),
    },
  };
}
