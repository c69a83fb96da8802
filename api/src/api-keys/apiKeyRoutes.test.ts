import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let admin: SignedInMember;
let keys: string;

beforeAll(async () => {
  admin = await signInMember(app, db, "MANUFACTURER");
  keys = `/organizations/${admin.organizationId}/api-keys`;
});

const create = async (name: string) => {
  const response = await admin.request(keys, { method: "POST", body: { name } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string; prefix: string };
};

interface ApiKeyPage {
  items: Array<{ id: string; name: string; prefix: string; revokedAt: string | null } & Record<string, unknown>>;
  nextCursor: string | null;
}

describe("GET /organizations/{organizationId}/api-keys", () => {
  it("lists the organization's keys newest first with a cursor, never the keys themselves", async () => {
    const first = await create("line 1");
    const second = await create("line 2");
    const third = await create("line 3");
    const page1 = (await (await admin.request(`${keys}?limit=2`)).json()) as ApiKeyPage;
    expect(page1.items.map((item) => item.id)).toEqual([third.id, second.id]);
    expect(page1.items[0]).toMatchObject({ name: "line 3", prefix: third.prefix, revokedAt: null, lastUsedAt: null });
    expect(page1.items.every((item) => !("key" in item))).toBe(true);
    expect(JSON.stringify(page1)).not.toContain(third.key);
    const page2 = (await (await admin.request(`${keys}?limit=2&cursor=${page1.nextCursor}`)).json()) as ApiKeyPage;
    expect(page2.items.map((item) => item.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it("shows when a key was last used", async () => {
    const { id, key } = await create("gateway");
    const model = (await (
      await admin.request(`/organizations/${admin.organizationId}/models`, {
        method: "POST",
        body: { modelCode: "KEY-1", name: "Keys", batteryCategory: "LMT" },
      })
    ).json()) as { id: string };
    const passport = (await (
      await admin.request(`/organizations/${admin.organizationId}/passports`, {
        method: "POST",
        body: { modelId: model.id, serialNumber: "KEY-SN-1" },
      })
    ).json()) as { publicId: string };
    const ingest = await app.request("/api/v1/readings", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": "key-used-1" },
      body: JSON.stringify({
        readings: [{ publicId: passport.publicId, measuredAt: "2026-01-01T00:00:00Z", stateOfHealthPct: 99 }],
      }),
    });
    expect(ingest.status).toBe(201);
    const page = (await (await admin.request(keys)).json()) as ApiKeyPage;
    expect(page.items.find((item) => item.id === id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it("is for admins only, and refuses another organization's admin", async () => {
    const editor = await signInMember(app, db, "MANUFACTURER");
    await db.prisma.membership.create({
      data: { organizationId: admin.organizationId, userId: editor.userId, role: "EDITOR" },
    });
    expect((await editor.request(keys)).status).toBe(403);
    const stranger = await signInMember(app, db, "MANUFACTURER");
    expect((await stranger.request(keys)).status).toBe(403);
    expect((await app.request(`/api/v1${keys}`)).status).toBe(401);
  });

  it("refuses a cursor it did not issue with 422", async () => {
    expect((await admin.request(`${keys}?cursor=not-a-cursor`)).status).toBe(422);
  });
});

describe("DELETE /organizations/{organizationId}/api-keys/{apiKeyId}", () => {
  it("revokes a key: it stays listed with revokedAt and stops authenticating", async () => {
    const { id, key } = await create("to revoke");
    const response = await admin.request(`${keys}/${id}`, { method: "DELETE" });
    expect(response.status).toBe(204);
    const page = (await (await admin.request(keys)).json()) as ApiKeyPage;
    expect(page.items.find((item) => item.id === id)?.revokedAt).toEqual(expect.any(String));
    const ingest = await app.request("/api/v1/readings", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": "revoked-1" },
      body: JSON.stringify({
        readings: [{ publicId: "nobody00000", measuredAt: "2026-01-01T00:00:00Z", cycleCount: 1 }],
      }),
    });
    expect(ingest.status).toBe(401);
  });

  it("answers 404 for a key already revoked, unknown, or of another organization", async () => {
    const { id } = await create("twice");
    expect((await admin.request(`${keys}/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await admin.request(`${keys}/${id}`, { method: "DELETE" })).status).toBe(404);
    expect((await admin.request(`${keys}/00000000-0000-4000-8000-000000000000`, { method: "DELETE" })).status).toBe(
      404,
    );
    const other = await signInMember(app, db, "MANUFACTURER");
    const foreign = (await (
      await other.request(`/organizations/${other.organizationId}/api-keys`, {
        method: "POST",
        body: { name: "theirs" },
      })
    ).json()) as { id: string };
    expect((await admin.request(`${keys}/${foreign.id}`, { method: "DELETE" })).status).toBe(404);
    expect(await db.prisma.apiKey.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ revokedAt: null });
  });

  it("refuses a malformed id with 422 and a non-admin with 403", async () => {
    expect((await admin.request(`${keys}/not-a-uuid`, { method: "DELETE" })).status).toBe(422);
    const { id } = await create("kept");
    const viewer = await signInMember(app, db, "MANUFACTURER");
    await db.prisma.membership.create({
      data: { organizationId: admin.organizationId, userId: viewer.userId, role: "VIEWER" },
    });
    expect((await viewer.request(`${keys}/${id}`, { method: "DELETE" })).status).toBe(403);
    expect(await db.prisma.apiKey.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedAt: null });
  });
});
