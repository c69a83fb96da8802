import { type FeeKind, StakeRole } from "@a360/contracts/deployments";
import type { ChainMirror } from "../chain/ChainMirror.ts";

const ZERO_ROOT = `0x${"0".repeat(64)}`;

/** How many UTC days of fees the figures carry. */
export const FEE_DAYS = 30;

export interface ProtocolFigures {
  staking: { totalStaked: bigint; roles: Array<{ role: StakeRole; staked: bigint; openPositions: number }> };
  market: { activeListings: number; listingsSold: number; activeLeases: number; offeredLeases: number };
  units: number;
  /** Passport versions anchored and not revoked: batch leaves plus single anchors. */
  passports: { versionsAnchored: number; batches: number };
  fees: Array<{ day: string; kind: FeeKind; token: string; amount: bigint; count: number }>;
  ttPrice: { price: bigint; postedAt: Date } | null;
}

/** The protocol's figures as the indexer's aggregates hold them (nothing is recomputed here). */
export async function getProtocolFigures(mirror: ChainMirror, today: Date): Promise<ProtocolFigures> {
  const s = `"${mirror.schema}"`;
  const firstDay = new Date(today.getTime() - (FEE_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const [roles, market, counts, fees, prices] = await Promise.all([
    mirror.query<{ role: StakeRole; staked: string; open_positions: number }>(
      `select role::text as role, staked::text as staked, open_positions from ${s}.staking_role_total`,
    ),
    mirror.query<{ active_listings: number; listings_sold: number; active_leases: number; offered_leases: number }>(
      `select active_listings, listings_sold, active_leases, offered_leases from ${s}.market_stats where id = 'market'`,
    ),
    mirror.query<{ units: number; batch_leaves: number; batches: number; single_anchors: number }>(
      `select (select count(*)::int from ${s}.unit) as units,
              (select coalesce(sum(leaf_count), 0)::int from ${s}.passport_batch where revocation_time = 0) as batch_leaves,
              (select count(*)::int from ${s}.passport_batch where revocation_time = 0) as batches,
              (select count(*)::int from ${s}.passport_anchor
                where revocation_time = 0 and batch_root = '${ZERO_ROOT}') as single_anchors`,
    ),
    mirror.query<{ day: string; kind: FeeKind; token: string; amount: string; count: number }>(
      `select day, kind::text as kind, token, amount::text as amount, count
         from ${s}.fee_daily where day >= $1 order by day, kind, token`,
      firstDay,
    ),
    mirror.query<{ price: string; posted_at: string }>(
      `select price::text as price, posted_at::text as posted_at from ${s}.oracle_price order by posted_at desc limit 1`,
    ),
  ]);

  const byRole = new Map(roles.map((row) => [row.role, row]));
  const stakingRoles = StakeRole.map((role) => ({
    role,
    staked: BigInt(byRole.get(role)?.staked ?? "0"),
    openPositions: byRole.get(role)?.open_positions ?? 0,
  }));
  const price = prices[0];
  return {
    staking: { totalStaked: stakingRoles.reduce((sum, row) => sum + row.staked, 0n), roles: stakingRoles },
    market: {
      activeListings: market[0]?.active_listings ?? 0,
      listingsSold: market[0]?.listings_sold ?? 0,
      activeLeases: market[0]?.active_leases ?? 0,
      offeredLeases: market[0]?.offered_leases ?? 0,
    },
    units: counts[0]?.units ?? 0,
    passports: {
      versionsAnchored: (counts[0]?.batch_leaves ?? 0) + (counts[0]?.single_anchors ?? 0),
      batches: counts[0]?.batches ?? 0,
    },
    fees: fees.map((row) => ({ ...row, token: row.token.toLowerCase(), amount: BigInt(row.amount) })),
    ttPrice: price ? { price: BigInt(price.price), postedAt: new Date(Number(price.posted_at) * 1000) } : null,
  };
}
