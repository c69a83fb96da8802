/**
 * Reads the chain mirror that the indexer (Ponder) keeps in Postgres, through its views schema.
 * The api never writes there. Amounts stay bigint until the JSON boundary, where they become
 * decimal strings.
 */

import deployments from "@a360/contracts/deployments";
import type { Database } from "../database/Database.ts";
import { UnavailableError } from "../errors/ApiError.ts";

/** What a TT movement was, read from the contract on its other side and the events of its transaction. */
export const TT_TRANSFER_KINDS = [
  "mint",
  "stake",
  "unstake",
  "reward",
  "purchase",
  "lease",
  "fee",
  "transfer",
] as const;
export type TtTransferKind = (typeof TT_TRANSFER_KINDS)[number];

const contracts = deployments[31337];
const ZERO_ADDRESS = `0x${"0".repeat(40)}`;

export interface TtTransfer {
  id: string;
  kind: TtTransferKind;
  from: string;
  to: string;
  amount: bigint;
  blockNumber: bigint;
  timestamp: Date;
  transactionHash: string;
}

export class ChainMirror {
  constructor(
    private readonly db: Database,
    /** The views schema the mirror is published in (validated as a plain identifier). */
    readonly schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  }

  async getTtBalance(address: string): Promise<bigint> {
    const rows = await this.query<{ balance: string }>(
      `select balance::text as balance from "${this.schema}".tt_account where address = $1`,
      address.toLowerCase(),
    );
    return rows[0] ? BigInt(rows[0].balance) : 0n;
  }

  async listTtTransfers(address: string, limit: number): Promise<TtTransfer[]> {
    const s = `"${this.schema}"`;
    const rows = await this.query<{
      id: string;
      kind: TtTransferKind;
      from: string;
      to: string;
      amount: string;
      block_number: string;
      timestamp: string;
      transaction_hash: string;
    }>(
      `select t.id, t."from", t."to", t.amount::text as amount, t.block_number::text as block_number,
              t.timestamp::text as timestamp, t.transaction_hash,
              case
                when t."from" = $2 then 'mint'
                when t."to" = $3 then 'stake'
                when t."from" = $3 and exists (select 1 from ${s}.reward_payment r
                       where r.transaction_hash = t.transaction_hash) then 'reward'
                when t."from" = $3 then 'unstake'
                when t."to" = $4 or t."from" = $4 then 'fee'
                when t."to" = $5 or t."from" = $5 then 'lease'
                when exists (select 1 from ${s}.listing_event e
                       where e.transaction_hash = t.transaction_hash and e.state = 'Sold') then 'purchase'
                else 'transfer'
              end as kind
         from ${s}.tt_transfer t
        where t."from" = $1 or t."to" = $1
        order by t.block_number desc, t.log_index desc
        limit ${Math.trunc(limit)}`,
      address.toLowerCase(),
      ZERO_ADDRESS,
      contracts.Staking.address.toLowerCase(),
      contracts.FeeRouter.address.toLowerCase(),
      contracts.LeaseManager.address.toLowerCase(),
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      from: row.from,
      to: row.to,
      amount: BigInt(row.amount),
      blockNumber: BigInt(row.block_number),
      timestamp: new Date(Number(row.timestamp) * 1000),
      transactionHash: row.transaction_hash,
    }));
  }

  /**
   * The unit token the issuing organisation minted for a passport, with its current owner, if the chain holds one.
   * Another organisation may mint a unit under the same public id; it is not this passport's unit.
   */
  async findUnitByPassport(
    passportPublicId: string,
    issuerOrganisationId: string,
  ): Promise<{ unitId: bigint; owner: string } | undefined> {
    const rows = await this.query<{ id: string; owner: string }>(
      `select id::text as id, owner from "${this.schema}".unit where passport_public_id = $1 and organisation_id = $2`,
      passportPublicId,
      issuerOrganisationId.toLowerCase(),
    );
    const row = rows[0];
    return row ? { unitId: BigInt(row.id), owner: row.owner.toLowerCase() } : undefined;
  }

  /** Units whose token `owner` holds now. */
  async listUnitsOwnedBy(owner: string, limit: number): Promise<Array<{ unitId: bigint; passportPublicId: string }>> {
    const rows = await this.query<{ id: string; passport_public_id: string }>(
      `select id::text as id, passport_public_id from "${this.schema}".unit where owner = $1 order by minted_at desc limit ${Math.trunc(limit)}`,
      owner.toLowerCase(),
    );
    return rows.map((row) => ({ unitId: BigInt(row.id), passportPublicId: row.passport_public_id }));
  }

  /** True when the indexer has published its tables (it may still be catching up). */
  async isPublished(): Promise<boolean> {
    const rows = await this.db.prisma.$queryRawUnsafe<Array<{ found: boolean }>>(
      "select exists(select 1 from information_schema.tables where table_schema = $1 and table_name = 'tt_account') as found",
      this.schema,
    );
    return rows[0]?.found === true;
  }

  /** Runs a read against the mirror; a missing mirror becomes UnavailableError (503). */
  async query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    try {
      return await this.db.prisma.$queryRawUnsafe<T[]>(sql, ...params);
    } catch (error) {
      throw new UnavailableError("the chain mirror is not available yet; the indexer may still be starting", error);
    }
  }
}
