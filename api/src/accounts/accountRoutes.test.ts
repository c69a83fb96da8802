import deployments from "@a360/contracts/deployments";
import { API_ROLE } from "@a360/scripts/roles";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsAdmin } from "../../test/runAsAdmin.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

// A schema of our own stands in for the indexer's views schema: same tables and columns.
const MIRROR = `mirror_test_${process.pid}`;
const { app, db } = await createTestApp({ CHAIN_MIRROR_SCHEMA: MIRROR });
const account = privateKeyToAccount(generatePrivateKey());
const address = account.address.toLowerCase();
let cookie = "";

beforeAll(async () => {
  await runAsAdmin([
    `create schema "${MIRROR}"`,
    `create table "${MIRROR}".tt_account (address text primary key, balance numeric(78) not null)`,
    `create table "${MIRROR}".tt_transfer (id text primary key, "from" text, "to" text, amount numeric(78),
       block_number numeric(78), timestamp numeric(78), transaction_hash text, log_index integer)`,
    [`insert into "${MIRROR}".tt_account values ($1, 1500000000000000000000)`, [address]],
    [
      `insert into "${MIRROR}".tt_transfer values ('t1', '0x0000000000000000000000000000000000000000', $1,
       1500000000000000000000, 7, 1700000000, '0xabc', 0)`,
      [address],
    ],
    `create table "${MIRROR}".reward_payment (id text primary key, transaction_hash text)`,
    `create table "${MIRROR}".listing_event (id text primary key, state text, transaction_hash text)`,
    `insert into "${MIRROR}".reward_payment values ('r1', '0xreward')`,
    `insert into "${MIRROR}".listing_event values ('e1', 'Sold', '0xsale'), ('e2', 'Active', '0xlist')`,
    [
      `insert into "${MIRROR}".tt_transfer values
         ('stake', $1, $2, 5, 6, 1700000000, '0xstake', 0),
         ('reward', $2, $1, 4, 5, 1700000000, '0xreward', 1),
         ('unstake', $2, $1, 3, 4, 1700000000, '0xunstake', 0),
         ('purchase', $1, $5, 2, 3, 1700000000, '0xsale', 1),
         ('fee', $1, $3, 1, 3, 1700000000, '0xsale', 0),
         ('lease', $1, $4, 1, 2, 1700000000, '0xlease', 0),
         ('plain', $1, $5, 1, 1, 1700000000, '0xlist', 0)`,
      [
        address,
        deployments[31337].Staking.address.toLowerCase(),
        deployments[31337].FeeRouter.address.toLowerCase(),
        deployments[31337].LeaseManager.address.toLowerCase(),
        "0x00000000000000000000000000000000000000b0",
      ],
    ],
    `grant usage on schema "${MIRROR}" to ${API_ROLE}`,
    `grant select on all tables in schema "${MIRROR}" to ${API_ROLE}`,
  ]);
  const organization = await db.prisma.organization.create({
    data: { name: "Volta Cells GmbH", kind: "MANUFACTURER" },
  });
  const user = await db.prisma.user.create({ data: { address } });
  await db.prisma.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "ADMIN" } });

  const nonce = ((await (await app.request("/api/v1/auth/nonce")).json()) as { nonce: string }).nonce;
  const message = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: "localhost:3000",
    nonce,
    uri: "http://localhost:3000",
    version: "1",
  });
  const response = await app.request("/api/v1/auth/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
  cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});

afterAll(async () => {
  await runAsAdmin([`drop schema "${MIRROR}" cascade`]);
  await closeDatabase(db);
});

describe("GET /accounts/{address}", () => {
  it("joins the wallet's memberships with its balance and transfers from the mirror", async () => {
    const response = await app.request(`/api/v1/accounts/${account.address}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { tt: { transfers: unknown[] } };
    expect({ ...body, tt: { ...body.tt, transfers: body.tt.transfers.slice(0, 1) } }).toEqual({
      address,
      memberships: [
        {
          organizationId: expect.any(String),
          organizationName: "Volta Cells GmbH",
          organizationKind: "MANUFACTURER",
          role: "ADMIN",
          canAnchorPassports: true,
        },
      ],
      tt: {
        balance: "1500000000000000000000",
        transfers: [
          {
            id: "t1",
            kind: "mint",
            from: "0x0000000000000000000000000000000000000000",
            to: address,
            amount: "1500000000000000000000",
            blockNumber: "7",
            timestamp: new Date(1_700_000_000_000).toISOString(),
            transactionHash: "0xabc",
          },
        ],
      },
    });
  });

  it("labels each TT movement by what it was: stake, reward, unstake, purchase, fee, lease or a plain transfer", async () => {
    const response = await app.request(`/api/v1/accounts/${account.address}`, { headers: { cookie } });
    const body = (await response.json()) as { tt: { transfers: Array<{ id: string; kind: string }> } };
    expect(body.tt.transfers.map((transfer) => `${transfer.id}:${transfer.kind}`)).toEqual([
      "t1:mint",
      "stake:stake",
      "reward:reward",
      "unstake:unstake",
      "purchase:purchase",
      "fee:fee",
      "lease:lease",
      "plain:transfer",
    ]);
  });

  it("is 403 for another wallet's account", async () => {
    const other = privateKeyToAccount(generatePrivateKey()).address;
    expect((await app.request(`/api/v1/accounts/${other}`, { headers: { cookie } })).status).toBe(403);
  });

  it("is 401 without a session", async () => {
    expect((await app.request(`/api/v1/accounts/${account.address}`)).status).toBe(401);
  });

  it("is 422 for a malformed address", async () => {
    expect((await app.request("/api/v1/accounts/0x123", { headers: { cookie } })).status).toBe(422);
  });
});
