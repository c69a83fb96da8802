/**
 * Reads the chain mirror that the indexer (Ponder) keeps in Postgres, through its views schema.
 * The api never writes there. Amounts stay bigint until the JSON boundary, where they become
 * decimal strings.
 */

import type { Database } from "../database/Database.ts";
import { UnavailableError } from "../errors/ApiError.ts";

export interface TtTransfer {
  id: string;
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
    const rows = await this.query<{
      id: string;
      from: string;
      to: string;
      amount: string;
      block_number: string;
      timestamp: string;
      transaction_hash: string;
    }>(
      `select id, "from", "to", amount::text as amount, block_number::text as block_number,
              timestamp::text as timestamp, transaction_hash
         from "${this.schema}".tt_transfer
        where "from" = $1 or "to" = $1
        order by block_number desc, log_index desc
        limit ${Math.trunc(limit)}`,
      address.toLowerCase(),
    );
    return rows.map((row) => ({
      id: row.id,
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
