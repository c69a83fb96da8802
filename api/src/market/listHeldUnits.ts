import type { ChainMirror } from "../chain/ChainMirror.ts";
import {
  type MarketUnitSummary,
  type MarketUnitSummaryRow,
  selectMarketUnitSummary,
  toMarketUnitSummary,
} from "./MarketUnitSummary.ts";

/** How a wallet holds a unit: owns its token, lists it (the marketplace holds the token), or uses it (ERC-4907). */
export type Holding = "owner" | "seller" | "lessor" | "user";

export interface HeldUnit {
  summary: MarketUnitSummary;
  holding: Holding;
  owner: string;
  user: string | null;
  userExpires: bigint;
  activeListingId: bigint | null;
  activeLeaseId: bigint | null;
}

/** The units `holder` owns, has in escrow (listed or leased out), or uses now. */
export async function listHeldUnits(
  mirror: ChainMirror,
  holder: string,
  now: Date,
  limit: number,
): Promise<HeldUnit[]> {
  const s = `"${mirror.schema}"`;
  const unit = selectMarketUnitSummary();
  const rows = await mirror.query<
    MarketUnitSummaryRow & {
      holding: Holding;
      owner: string;
      user: string | null;
      user_expires: string;
      active_listing_id: string | null;
      active_lease_id: string | null;
    }
  >(
    `select ${unit.columns}, u.owner, u."user", u.user_expires::text as user_expires,
            u.active_listing_id::text as active_listing_id, u.active_lease_id::text as active_lease_id,
            case when u.owner = $1 then 'owner'
                 when l.seller = $1 then 'seller'
                 when le.lessor = $1 then 'lessor'
                 else 'user' end as holding
       from ${s}.unit u
       left join ${s}.listing l on l.id = u.active_listing_id
       left join ${s}.lease le on le.id = u.active_lease_id
       ${unit.joins}
      where u.owner = $1 or l.seller = $1 or le.lessor = $1 or (u."user" = $1 and u.user_expires >= $2::numeric)
      order by u.minted_at desc, u.id
      limit ${Math.trunc(limit)}`,
    holder.toLowerCase(),
    Math.floor(now.getTime() / 1000).toString(),
  );
  const nowSeconds = BigInt(Math.floor(now.getTime() / 1000));
  return rows.map((row) => {
    const userExpires = BigInt(row.user_expires);
    return {
      summary: toMarketUnitSummary(row),
      holding: row.holding,
      owner: row.owner.toLowerCase(),
      user: row.user !== null && userExpires >= nowSeconds ? row.user.toLowerCase() : null,
      userExpires,
      activeListingId: row.active_listing_id === null ? null : BigInt(row.active_listing_id),
      activeLeaseId: row.active_lease_id === null ? null : BigInt(row.active_lease_id),
    };
  });
}
