import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { createApiServer } from "../createApiServer.ts";
import { closeDatabase } from "../database/Database.ts";

// Small limits; each test speaks as its own client address (X-Forwarded-For from a trusted peer).
// The limits read this clock, not the wall's: it stands 1 ms before a minute ends unless a test moves it,
// so a flood that crossed a real minute boundary would be split in two windows if the wall clock counted.
const MINUTE = 60_000;
const LAST_MS_OF_A_MINUTE = Date.UTC(2031, 0, 1) + MINUTE - 1;
const clock = { time: LAST_MS_OF_A_MINUTE, now: () => clock.time };
beforeEach(() => {
  clock.time = LAST_MS_OF_A_MINUTE;
});
const { app, db, publicReads, rateLimits } = await createTestApp(
  { RATE_LIMIT_SIGN_IN_PER_MINUTE: "5", RATE_LIMIT_ANONYMOUS_PER_MINUTE: "8" },
  { rateLimitClock: clock },
);
const server = createApiServer(app, publicReads, rateLimits);
server.listen(0, "127.0.0.1");
await once(server, "listening");
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  server.close();
  await closeDatabase(db);
});

let publicId: string;
beforeAll(async () => {
  const { app: unlimited } = await createTestApp();
  const maker = await signInMember(unlimited, db, "MANUFACTURER");
  const org = `/organizations/${maker.organizationId}`;
  const model = (await (
    await maker.request(`${org}/models`, {
      method: "POST",
      body: { modelCode: "RL-1", name: "R", batteryCategory: "LMT" },
    })
  ).json()) as { id: string };
  publicId = (
    (await (
      await maker.request(`${org}/passports`, { method: "POST", body: { modelId: model.id, serialNumber: "RL-SN" } })
    ).json()) as { publicId: string }
  ).publicId;
});

const from = (client: string) => ({ "x-forwarded-for": client });

describe("rate limits on anonymous requests", () => {
  it("answers a nonce flood with 429 and Retry-After, and stores no nonce past the limit", async () => {
    const before = await db.prisma.siweNonce.count();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await fetch(`${origin}/api/v1/auth/nonce`, { headers: from("203.0.113.1") })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(await db.prisma.siweNonce.count()).toBe(before + 5);
    const refused = await fetch(`${origin}/api/v1/auth/nonce`, { headers: from("203.0.113.1") });
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  it("counts in windows of the injected clock: the next minute lets the client in again", async () => {
    const nonce = () => fetch(`${origin}/api/v1/auth/nonce`, { headers: from("203.0.113.4") });
    const first: number[] = [];
    for (let i = 0; i < 6; i++) first.push((await nonce()).status);
    expect(first).toEqual([200, 200, 200, 200, 200, 429]);
    clock.time += 1;
    expect((await nonce()).status).toBe(200);
    clock.time += 15_000;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await nonce()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect((await nonce()).headers.get("retry-after")).toBe("45");
  });

  it("counts each client on its own", async () => {
    for (let i = 0; i < 6; i++) await fetch(`${origin}/api/v1/auth/nonce`, { headers: from("203.0.113.2") });
    expect((await fetch(`${origin}/api/v1/auth/nonce`, { headers: from("203.0.113.3") })).status).toBe(200);
  });

  it("does not believe X-Forwarded-For from a peer that is no trusted proxy", async () => {
    const {
      app: strict,
      publicReads: reads,
      rateLimits: limits,
    } = await createTestApp({
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: "2",
      TRUSTED_PROXIES: "10.9.9.9",
    });
    const local = createApiServer(strict, reads, limits);
    local.listen(0, "127.0.0.1");
    await once(local, "listening");
    const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}/api/v1/attribute-definitions`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url, { headers: from(`198.51.100.${i}`) })).status);
    local.close();
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("limits anonymous reads served from the kept copy too (the fast path before the framework)", async () => {
    const read = () => fetch(`${origin}/api/v1/passports/${publicId}`, { headers: from("203.0.113.9") });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await read()).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses.slice(8)).toEqual([429, 429]);
    const refused = await read();
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("does not limit signed-in readers", async () => {
    const { app: unlimited } = await createTestApp();
    const member = await signInMember(unlimited, db, "RECYCLER");
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      statuses.add(
        (
          await fetch(`${origin}/api/v1/passports/${publicId}`, {
            headers: { ...from("203.0.113.10"), cookie: member.cookie },
          })
        ).status,
      );
    }
    expect([...statuses]).toEqual([200]);
  });
});
