import { API_ROLE } from "@a360/scripts/roles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsAdmin } from "../../test/runAsAdmin.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

// A schema of our own stands in for the indexer's views schema: the tables and columns the route reads.
const MIRROR = `mirror_protocol_${process.pid}`;
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
const TT = "0x00000000000000000000000000000000000000aa";
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  await runAsAdmin([
    `create schema "${MIRROR}"`,
    `create table "${MIRROR}".staking_role_total (role text primary key, staked numeric(78), open_positions integer)`,
    `create table "${MIRROR}".market_stats (id text primary key, active_listings integer, listings_sold integer,
       active_leases integer, offered_leases integer)`,
    `create table "${MIRROR}".unit (id numeric(78) primary key)`,
    `create table "${MIRROR}".passport_batch (root text primary key, leaf_count integer, revocation_time numeric(78))`,
    `create table "${MIRROR}".passport_anchor (uid text primary key, batch_root text, revocation_time numeric(78))`,
    `create table "${MIRROR}".fee_daily (kind text, token text, day text, amount numeric(78), count integer)`,
    `create table "${MIRROR}".oracle_price (oracle text primary key, price numeric(78), posted_at numeric(78))`,
    `insert into "${MIRROR}".staking_role_total values ('MarketMaker', 3000000000000000000000, 2),
       ('Oracle', 500000000000000000000, 1)`,
    `insert into "${MIRROR}".market_stats values ('market', 4, 2, 1, 3)`,
    `insert into "${MIRROR}".unit values (1), (2)`,
    `insert into "${MIRROR}".passport_batch values ('0xb1', 5, 0), ('0xb2', 3, 1700000000)`,
    [
      `insert into "${MIRROR}".passport_anchor values ('0xa1', $1, 0), ('0xa2', '0xb1', 0), ('0xa3', $1, 1700000000)`,
      [`0x${"0".repeat(64)}`],
    ],
    [
      `insert into "${MIRROR}".fee_daily values ('Sale', $1, $2, 25000000000000000000, 1), ('Sale', $1, '2001-01-01', 1, 1)`,
      [TT, today],
    ],
    `insert into "${MIRROR}".oracle_price values ('0xo', 2000000000000000000, 1700000000)`,
    `grant usage on schema "${MIRROR}" to ${API_ROLE}`,
    `grant select on all tables in schema "${MIRROR}" to ${API_ROLE}`,
  ]);
});

afterAll(async () => {
  await runAsAdmin([`drop schema "${MIRROR}" cascade`]);
  await closeDatabase(db);
});

describe("GET /protocol", () => {
  it("answers anyone with TVL by role (every role, zero included), market counters, unrevoked anchored versions and the latest TT price", async () => {
    const response = await app.request("/api/v1/protocol");
    expect(response.status).toBe(200);
    const figures = await response.json();
    expect(figures).toMatchObject({
      staking: {
        totalStaked: "3500000000000000000000",
        roles: [
          { role: "MarketMaker", staked: "3000000000000000000000", openPositions: 2 },
          { role: "ServiceProvider", staked: "0", openPositions: 0 },
          { role: "Oracle", staked: "500000000000000000000", openPositions: 1 },
        ],
      },
      market: { activeListings: 4, listingsSold: 2, activeLeases: 1, offeredLeases: 3 },
      units: 2,
      passports: { versionsAnchored: 6, batches: 1 },
      ttPrice: { price: "2000000000000000000", postedAt: "2023-11-14T22:13:20.000Z" },
    });
  });

  it("carries fees of the last 30 days only", async () => {
    const figures = (await (await app.request("/api/v1/protocol")).json()) as { fees: unknown[] };
    expect(figures.fees).toEqual([{ day: today, kind: "Sale", token: TT, amount: "25000000000000000000", count: 1 }]);
  });
});
