import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let admin: SignedInMember;
let org: string;

beforeAll(async () => {
  admin = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${admin.organizationId}`;
});

async function createKey(member: SignedInMember, scopes: string[]): Promise<{ id: string; key: string }> {
  const response = await member.request(`/organizations/${member.organizationId}/api-keys`, {
    method: "POST",
    body: { name: `machine ${scopes.join(" ")}`, scopes },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string };
}

function withKey(key: string, path: string, init: { method?: string; body?: string; contentType?: string } = {}) {
  return app.request(`/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, ...(init.contentType ? { "content-type": init.contentType } : {}) },
    body: init.body,
  });
}

const csv = (contentType = "text/csv") => ({ method: "POST", contentType });

describe("machines with scoped API keys", () => {
  it("imports models with models:write and passports with passports:write, and reads them with read", async () => {
    const { key: modelsKey } = await createKey(admin, ["models:write"]);
    const { key: passportsKey } = await createKey(admin, ["passports:write", "read"]);
    const models = await withKey(modelsKey, `${org}/models/import`, {
      ...csv(),
      body: "model_code,name,battery_category\nMACH-1,Machine model,LMT\n",
    });
    expect(models.status).toBe(200);
    const passports = await withKey(passportsKey, `${org}/passports/import`, {
      ...csv(),
      body: "public_id,model_code,serial_number\n,MACH-1,MACH-SN-1\n,MACH-1,MACH-SN-2\n",
    });
    expect(passports.status).toBe(200);
    expect(await passports.json()).toMatchObject({ created: 2 });
    const list = await withKey(passportsKey, `${org}/passports?limit=10`);
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: Array<{ serialNumber: string }> };
    expect(page.items.map((item) => item.serialNumber).sort()).toEqual(["MACH-SN-1", "MACH-SN-2"]);
  });

  it("refuses a write the key has no scope for with 403 and stores nothing", async () => {
    const { key } = await createKey(admin, ["read", "readings:write"]);
    const response = await withKey(key, `${org}/models/import`, {
      ...csv(),
      body: "model_code,name,battery_category\nNOPE-1,Refused,LMT\n",
    });
    expect(response.status).toBe(403);
    expect(await db.prisma.batteryModel.count({ where: { modelCode: "NOPE-1" } })).toBe(0);
  });

  it("refuses a read without the read scope with 403", async () => {
    const { key } = await createKey(admin, ["readings:write"]);
    expect((await withKey(key, `${org}/passports`)).status).toBe(403);
    expect((await withKey(key, `${org}/models`)).status).toBe(403);
  });

  it("refuses a key of another organization with 403, whatever its scopes", async () => {
    const other = await signInMember(app, db, "MANUFACTURER");
    const { key } = await createKey(other, ["read", "models:write", "passports:write", "readings:write"]);
    expect((await withKey(key, `${org}/passports`)).status).toBe(403);
    const response = await withKey(key, `${org}/models/import`, {
      ...csv(),
      body: "model_code,name,battery_category\nFOREIGN-1,Foreign,LMT\n",
    });
    expect(response.status).toBe(403);
    expect(await db.prisma.batteryModel.count({ where: { modelCode: "FOREIGN-1" } })).toBe(0);
  });

  it("refuses a revoked or malformed key with 401", async () => {
    const { id, key } = await createKey(admin, ["read"]);
    await admin.request(`${org}/api-keys/${id}`, { method: "DELETE" });
    expect((await withKey(key, `${org}/passports`)).status).toBe(401);
    expect((await withKey("not-a-key", `${org}/passports`)).status).toBe(401);
  });

  it("records when a key was last used", async () => {
    const { id, key } = await createKey(admin, ["read"]);
    await withKey(key, `${org}/models`);
    expect((await db.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("refuses an unknown scope with 422", async () => {
    const response = await admin.request(`${org}/api-keys`, {
      method: "POST",
      body: { name: "bad", scopes: ["admin"] },
    });
    expect(response.status).toBe(422);
  });
});
