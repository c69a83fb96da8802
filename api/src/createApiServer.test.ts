import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../test/signInMember.ts";
import { createTestApp } from "../test/testApp.ts";
import { createApiServer } from "./createApiServer.ts";
import { closeDatabase } from "./database/Database.ts";

const { app, db, publicReads, rateLimits } = await createTestApp();
let appRequests = 0;
const server = createApiServer(
  {
    fetch: (request, ...rest) => {
      appRequests++;
      return app.fetch(request, ...rest);
    },
  },
  publicReads,
  rateLimits,
);
server.listen(0, "127.0.0.1");
await once(server, "listening");
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  server.close();
  await closeDatabase(db);
});

let maker: SignedInMember;
let org: string;
let passportId: string;
let publicId: string;

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
  const model = (await (
    await maker.request(`${org}/models`, {
      method: "POST",
      body: { modelCode: "FAST-1", name: "Fast", batteryCategory: "LMT", attributes: [] },
    })
  ).json()) as { id: string };
  const passport = (await (
    await maker.request(`${org}/passports`, { method: "POST", body: { modelId: model.id, serialNumber: "FAST-SN-1" } })
  ).json()) as { id: string; publicId: string };
  ({ id: passportId, publicId } = passport);
});

/** A GET through the real server; `viaApp` tells whether the framework answered it. */
async function get(path: string, headers: Record<string, string> = {}) {
  const before = appRequests;
  const response = await fetch(`${origin}${path}`, { headers });
  const body = await response.text();
  const { date: _date, ...rest } = Object.fromEntries(response.headers);
  return { status: response.status, headers: rest, body, viaApp: appRequests > before };
}

describe("the server's fast path for kept public reads", () => {
  it("answers a kept anonymous read before the framework, with the route's bytes and headers", async () => {
    const path = `/api/v1/passports/${publicId}`;
    const rendered = await get(path);
    expect(rendered).toMatchObject({ status: 200, viaApp: true });
    const kept = await get(path);
    expect(kept.viaApp).toBe(false);
    expect(kept.body).toBe(rendered.body);
    expect(kept.headers).toEqual(rendered.headers);
    // fetch asks for gzip by default (and unzips): ask for the plain JSON too.
    expect(rendered.headers["content-encoding"]).toBe("gzip");
    const plain = await get(path, { "accept-encoding": "identity" });
    expect(plain).toMatchObject({ viaApp: false, body: rendered.body });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-length"]).toBe(String(Buffer.byteLength(rendered.body)));
    const notModified = await get(path, { "if-none-match": rendered.headers.etag! });
    expect(notModified).toMatchObject({ status: 304, viaApp: false, body: "" });
  });

  it("leaves sessions, other methods and other spellings of the URL to the routes", async () => {
    const path = `/api/v1/public/passports/${publicId}`;
    await get(path); // makes the passport's first version (not kept: the read itself changed it)
    const rendered = await get(path);
    expect(rendered.viaApp).toBe(true);
    expect((await get(path)).viaApp).toBe(false);
    expect((await get(`${path}?version=1`)).viaApp).toBe(true);
    expect((await get(`${path}?version=1`)).viaApp).toBe(false);
    expect((await get(`${path}?version=01`)).viaApp).toBe(true);
    expect((await get(`${path}?version=1&x=1`)).viaApp).toBe(true);
    const member = await get(path, { cookie: maker.cookie });
    expect(member.viaApp).toBe(true);
    expect(member.headers["cache-control"]).toBe("private, no-store");
    const before = appRequests;
    expect((await fetch(`${origin}${path}`, { method: "HEAD" })).status).toBe(200);
    expect(appRequests).toBe(before + 1);
  });

  it("stops answering a read once its passport changes, and keeps the new one", async () => {
    const path = `/api/v1/passports/${publicId}`;
    await get(path);
    expect((await get(path)).viaApp).toBe(false);
    const written = await maker.request(`${org}/passports/${passportId}/attributes`, {
      method: "PATCH",
      body: { values: [{ key: "label.extinguishing_agent", value: "FAST-AGENT" }] },
    });
    expect(written.status).toBe(200);
    const fresh = await get(path);
    expect(fresh.viaApp).toBe(true);
    expect(fresh.body).toContain("FAST-AGENT");
    expect((await get(path)).viaApp).toBe(false);
  });
});
