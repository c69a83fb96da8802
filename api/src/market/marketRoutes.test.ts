import { API_ROLE } from "@a360/scripts/roles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsAdmin } from "../../test/runAsAdmin.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

// A schema of our own stands in for the indexer's views schema: the tables and columns the routes read.
const MIRROR = `mirror_market_${process.pid}`;
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
const SELLER = "0x00000000000000000000000000000000000000a1";
const BUYER = "0x00000000000000000000000000000000000000b2";
const LESSEE = "0x00000000000000000000000000000000000000c3";
const MARKETPLACE = "0x00000000000000000000000000000000000000d4";
const TT = "0x00000000000000000000000000000000000000e5";
const STABLE = "0x00000000000000000000000000000000000000f6";
const tag = process.pid;
const ids = { lfpHealthy: `mk-${tag}-1`, lfpTired: `mk-${tag}-2`, nmc: `mk-${tag}-3`, foreign: `mk-${tag}-4` };
const FAR_FUTURE = 4_000_000_000;

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await app.request(`/api/v1${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

interface Listing {
  listingId: string;
  price: string;
  unit: { unitId: string; modelName: string | null; chemistry: string | null; stateOfHealthPct: number | null };
}

beforeAll(async () => {
  const organization = await db.prisma.organization.create({
    data: { name: `Market Cells ${tag}`, kind: "MANUFACTURER" },
  });
  const model = (code: string, name: string) =>
    db.prisma.batteryModel.create({
      data: { tenantId: organization.id, modelCode: `${code}-${tag}`, name, batteryCategory: "LMT" },
    });
  const [city, cargo] = [await model("CITY", "City 36"), await model("CARGO", "Cargo 48")];
  await db.prisma.attributeValue.createMany({
    data: [
      { tenantId: organization.id, attributeId: 31, holderKind: "MODEL", modelId: city.id, valueText: "LFP" },
      { tenantId: organization.id, attributeId: 31, holderKind: "MODEL", modelId: cargo.id, valueText: "NMC" },
    ],
  });
  const passport = async (publicId: string, modelId: string, serial: string, health: number) => {
    const created = await db.prisma.passport.create({
      data: { tenantId: organization.id, publicId, modelId, serialNumber: `${serial}-${tag}` },
    });
    await db.prisma.reading.createMany({
      data: [
        { passportId: created.id, tenantId: organization.id, measuredAt: new Date("2026-01-01"), stateOfHealthPct: 99 },
        {
          passportId: created.id,
          tenantId: organization.id,
          measuredAt: new Date("2026-06-01"),
          stateOfHealthPct: health,
        },
      ],
    });
  };
  await passport(ids.lfpHealthy, city.id, "S1", 96);
  await passport(ids.lfpTired, city.id, "S2", 71);
  await passport(ids.nmc, cargo.id, "S3", 88);

  const unitColumns = `id numeric(78) primary key, passport_id text, passport_public_id text, owner text, "user" text,
    user_expires numeric(78), active_listing_id numeric(78), active_lease_id numeric(78), minted_at numeric(78)`;
  await runAsAdmin([
    `create schema "${MIRROR}"`,
    `create table "${MIRROR}".unit (${unitColumns})`,
    `create table "${MIRROR}".listing (id numeric(78) primary key, unit_id numeric(78), seller text, payment_token text,
       price numeric(78), fee_bps integer, state text, buyer text, created_at numeric(78), created_at_block numeric(78))`,
    `create table "${MIRROR}".unit_transfer (id text primary key, unit_id numeric(78), "from" text, "to" text,
       block_number numeric(78), timestamp numeric(78), transaction_hash text)`,
    `create table "${MIRROR}".lease (id numeric(78) primary key, unit_id numeric(78), lessor text, lessee text,
       rate_per_day numeric(78), state text, starts_at numeric(78), ends_at numeric(78))`,
    `create table "${MIRROR}".repair (id numeric(78) primary key, unit_id numeric(78), provider text, decision text,
       time numeric(78), claimed_by_lease_id numeric(78))`,
    `create table "${MIRROR}".passport (id text primary key, latest_version numeric(78), latest_hash text, anchor_count integer)`,
    [
      `insert into "${MIRROR}".unit values
         (1, '0x01', $1, $5, null, 0, 11, null, 100),
         (2, '0x02', $2, $5, null, 0, 12, null, 101),
         (3, '0x03', $3, $6, $7, ${FAR_FUTURE}, null, 31, 102),
         (4, '0x04', $4, $6, null, 0, null, null, 103)`,
      [ids.lfpHealthy, ids.lfpTired, ids.nmc, ids.foreign, MARKETPLACE, BUYER, LESSEE],
    ],
    [
      `insert into "${MIRROR}".listing values
         (10, 3, $1, $3, 500000000000000000000, 300, 'Sold', $2, 1000, 10),
         (11, 1, $1, $3, 300000000000000000000, 300, 'Active', null, 1100, 11),
         (12, 2, $1, $3, 100000000000000000000, 300, 'Active', null, 1200, 12),
         (13, 4, $2, $4, 7000000, 300, 'Cancelled', null, 1300, 13)`,
      [SELLER, BUYER, TT, STABLE],
    ],
    [
      `insert into "${MIRROR}".unit_transfer values
         ('t1', 3, '0x0000000000000000000000000000000000000000', $1, 1, 900, '0xaa'),
         ('t2', 3, $1, $2, 2, 1000, '0xbb')`,
      [SELLER, BUYER],
    ],
    [`insert into "${MIRROR}".lease values (31, 3, $1, $2, 1000000, 'Active', 2000, 3000)`, [BUYER, LESSEE]],
    [`insert into "${MIRROR}".repair values (41, 3, $1, 'Repaired', 1500, null)`, [LESSEE]],
    `insert into "${MIRROR}".passport values ('0x03', 2, '0x${"ab".repeat(32)}', 2), ('0x01', 1, '0x${"00".repeat(32)}', 1)`,
    `grant usage on schema "${MIRROR}" to ${API_ROLE}`,
    `grant select on all tables in schema "${MIRROR}" to ${API_ROLE}`,
  ]);
});

afterAll(async () => {
  await runAsAdmin([`drop schema "${MIRROR}" cascade`]);
  await closeDatabase(db);
});

describe("GET /market/listings", () => {
  it("lists active listings, newest first, each with its unit's model and chemistry, not its restricted state of health", async () => {
    const { status, body } = await getJson<{ items: Listing[] }>("/market/listings");
    expect(status).toBe(200);
    expect(body.items.map((listing) => listing.listingId)).toEqual(["12", "11"]);
    expect(body.items[0]?.unit).toMatchObject({
      unitId: "2",
      modelName: "City 36",
      chemistry: "LFP",
      stateOfHealthPct: null,
    });
  });

  it("filters by model, chemistry, price and payment token; a state-of-health filter reveals nothing restricted", async () => {
    const ids = async (query: string) =>
      (await getJson<{ items: Listing[] }>(`/market/listings?${query}`)).body.items.map((listing) => listing.listingId);
    expect(await ids("model=city")).toEqual(["12", "11"]);
    expect(await ids("chemistry=lfp")).toEqual(["12", "11"]);
    expect(await ids("chemistry=lfp&minStateOfHealth=90")).toEqual([]);
    expect(await ids("maxPrice=200000000000000000000")).toEqual(["12"]);
    expect(await ids("minPrice=200000000000000000000")).toEqual(["11"]);
    expect(await ids(`paymentToken=${STABLE}&state=any`)).toEqual(["13"]);
    expect(await ids("model=%25")).toEqual([]);
  });

  it("sorts by price; by state of health only as far as it is public (newest first otherwise)", async () => {
    const ids = async (sort: string) =>
      (await getJson<{ items: Listing[] }>(`/market/listings?sort=${sort}`)).body.items.map(
        (listing) => listing.listingId,
      );
    expect(await ids("price_asc")).toEqual(["12", "11"]);
    expect(await ids("price_desc")).toEqual(["11", "12"]);
    expect(await ids("health_desc")).toEqual(["12", "11"]);
  });

  it("lists a seller's listings in every state", async () => {
    const { body } = await getJson<{ items: Listing[] }>(`/market/listings?seller=${SELLER}&state=any`);
    expect(body.items.map((listing) => listing.listingId)).toEqual(["12", "11", "10"]);
  });

  it("refuses an unknown sort or a malformed address with a 422 problem", async () => {
    expect((await getJson("/market/listings?sort=random")).status).toBe(422);
    expect((await getJson("/market/listings?paymentToken=0x12")).status).toBe(422);
  });
});

describe("GET /market/units/{unitId}", () => {
  it("gives the unit's holder, registry state and its history of owners, listings, leases and repairs", async () => {
    const { status, body } = await getJson<Record<string, unknown>>("/market/units/3");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      unit: { unitId: "3", modelName: "Cargo 48", chemistry: "NMC", stateOfHealthPct: null },
      owner: BUYER,
      user: LESSEE,
      activeLeaseId: "31",
      anchor: { latestVersion: "2", isRevoked: false, anchorCount: 2 },
      history: {
        owners: [{ to: SELLER }, { from: SELLER, to: BUYER, transactionHash: "0xbb" }],
        listings: [{ listingId: "10", state: "Sold", buyer: BUYER, price: "500000000000000000000" }],
        leases: [{ leaseId: "31", lessee: LESSEE, state: "Active" }],
        repairs: [{ repairId: "41", decision: "Repaired", claimedByLeaseId: null }],
      },
    });
  });

  it("says when the latest anchored version is revoked, and keeps nulls for a passport it does not hold", async () => {
    expect((await getJson<{ anchor: unknown }>("/market/units/1")).body.anchor).toEqual({
      latestVersion: "1",
      isRevoked: true,
      anchorCount: 1,
    });
    const foreign = await getJson<{ unit: unknown; anchor: unknown }>("/market/units/4");
    expect(foreign.body.unit).toMatchObject({ passportPublicId: ids.foreign, modelName: null, chemistry: null });
    expect(foreign.body.anchor).toBeNull();
  });

  it("answers 404 for a unit the chain does not hold", async () => {
    expect((await getJson("/market/units/999")).status).toBe(404);
  });
});

describe("GET /market/units?holder=", () => {
  it("gives the units a wallet owns, has listed, or uses under a lease", async () => {
    const holdings = async (holder: string) =>
      (
        await getJson<{ items: Array<{ holding: string; unit: { unitId: string } }> }>(`/market/units?holder=${holder}`)
      ).body.items.map((item) => `${item.unit.unitId}:${item.holding}`);
    expect(await holdings(SELLER)).toEqual(["2:seller", "1:seller"]);
    expect(await holdings(BUYER)).toEqual(["4:owner", "3:owner"]);
    expect(await holdings(LESSEE)).toEqual(["3:user"]);
  });
});
