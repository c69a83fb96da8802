import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, describe, expect, it } from "vitest";
import { requestWithCookie, signIn, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

interface Problem {
  status: number;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}
interface Community {
  id: string;
  key: string;
  areas: Array<{ key: string; name: string; topology: string[] }>;
  legal: Record<string, unknown>;
  settings: Record<string, unknown>;
  description: string | null;
  memberCount: number;
}
interface Member {
  id: string;
  key: string;
  status: string;
  area: string | null;
  role: string;
  name: string;
  address: string | null;
}

const TOPOLOGY = [
  {
    id: "PS-1",
    type: "PRIMARY_SUBSTATION",
    name: "CP Nord",
    operator: "e-distribuzione",
    children: [{ id: "SS-11", type: "SECONDARY_SUBSTATION", name: "Via Roma", children: [] }],
  },
];

async function setUpCommunity(key = "borgo_solare") {
  const operator = await signInMember(app, db, "COMMUNITY_OPERATOR");
  const response = await operator.request(`/organizations/${operator.organizationId}/communities`, {
    method: "POST",
    body: {
      key,
      name: "CER Borgo Solare",
      topology: TOPOLOGY,
      areas: [{ key: "cp-nord", name: "CP Nord", topology: ["PS-1"] }],
      legal: { name: "CER Borgo Solare ETS", vat: "it12345678901", legalForm: "association" },
      settings: { timezone: "Europe/Rome", currency: "EUR", incentivePerMwh: 110 },
    },
  });
  expect(response.status).toBe(201);
  const community = (await response.json()) as Community;
  const base = `/organizations/${operator.organizationId}/communities/${community.id}`;
  return { operator, community, base };
}

async function addMember(
  operator: Awaited<ReturnType<typeof setUpCommunity>>["operator"],
  base: string,
  body: Record<string, unknown>,
) {
  const response = await operator.request(`${base}/members`, { method: "POST", body });
  expect(response.status).toBe(201);
  return (await response.json()) as Member;
}

describe("communities", () => {
  it("lets a community operator set one up with its areas, topology and profile", async () => {
    const { community } = await setUpCommunity();
    expect(community).toMatchObject({
      key: "borgo_solare",
      areas: [{ key: "cp-nord", topology: ["PS-1"] }],
      legal: { vat: "IT12345678901" },
      settings: { timezone: "Europe/Rome", incentivePerMwh: 110 },
      memberCount: 0,
    });
  });

  it("refuses an organization of another kind with 403", async () => {
    const manufacturer = await signInMember(app, db, "MANUFACTURER");
    const response = await manufacturer.request(`/organizations/${manufacturer.organizationId}/communities`, {
      method: "POST",
      body: { key: "nope", name: "Nope" },
    });
    expect(response.status).toBe(403);
  });

  it("refuses a repeated node id, an area naming an unknown node, a bad VAT id and time zone with 422, storing nothing", async () => {
    const operator = await signInMember(app, db, "COMMUNITY_OPERATOR");
    const response = await operator.request(`/organizations/${operator.organizationId}/communities`, {
      method: "POST",
      body: {
        key: "broken",
        name: "Broken",
        topology: [{ ...TOPOLOGY[0], children: [{ id: "PS-1", type: "FEEDER", name: "again", children: [] }] }],
        areas: [{ key: "a", name: "A", topology: ["NOPE"] }],
        legal: { vat: "12" },
        settings: { timezone: "Mars/Olympus" },
      },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      "areas.0.topology",
      "legal.vat",
      "settings.timezone",
      "topology",
    ]);
    expect(await db.prisma.community.count({ where: { tenantId: operator.organizationId } })).toBe(0);
  });

  it("refuses a second community with the same key in the organization with 409", async () => {
    const { operator } = await setUpCommunity("twice");
    const response = await operator.request(`/organizations/${operator.organizationId}/communities`, {
      method: "POST",
      body: { key: "twice", name: "Again" },
    });
    expect(response.status).toBe(409);
  });

  it("changes only what a partial update names, down to the keys of the profile objects", async () => {
    const { operator, base } = await setUpCommunity();
    const response = await operator.request(base, {
      method: "PATCH",
      body: { description: "Twelve roofs", legal: { legalForm: null }, settings: { incentivePerMwh: 120 } },
    });
    expect(response.status).toBe(200);
    const community = (await response.json()) as Community;
    expect(community.description).toBe("Twelve roofs");
    expect(community.legal).toEqual({ name: "CER Borgo Solare ETS", vat: "IT12345678901" });
    expect(community.settings).toEqual({ timezone: "Europe/Rome", currency: "EUR", incentivePerMwh: 120 });
    expect(community.areas).toHaveLength(1);
  });

  it("refuses a new topology that drops a node an area names", async () => {
    const { operator, base } = await setUpCommunity();
    const response = await operator.request(base, { method: "PATCH", body: { topology: [] } });
    expect(response.status).toBe(422);
  });

  it("writes areas one by one, and renaming an area carries its members", async () => {
    const { operator, base } = await setUpCommunity();
    const put = await operator.request(`${base}/areas/cp-sud`, {
      method: "PUT",
      body: { name: "CP Sud", topology: ["SS-11"], location: { lat: 45.0, lon: 7.6 } },
    });
    expect(put.status).toBe(200);
    const member = await addMember(operator, base, { name: "Rossi", role: "PROSUMER", area: "cp-sud" });
    const blocked = await operator.request(`${base}/areas/cp-sud`, { method: "DELETE" });
    expect(blocked.status).toBe(409);
    const rename = await operator.request(`${base}/areas/cp-sud`, { method: "PATCH", body: { key: "cp-sud-2" } });
    expect(rename.status).toBe(200);
    expect(await rename.json()).toMatchObject({ key: "cp-sud-2", name: "CP Sud", location: { lat: 45.0, lon: 7.6 } });
    const moved = (await (await operator.request(`${base}/members/${member.id}`)).json()) as Member;
    expect(moved.area).toBe("cp-sud-2");
    const clash = await operator.request(`${base}/areas/cp-sud-2`, { method: "PATCH", body: { key: "cp-nord" } });
    expect(clash.status).toBe(409);
    const unknownNode = await operator.request(`${base}/areas/x`, {
      method: "PUT",
      body: { name: "X", topology: ["Q"] },
    });
    expect(unknownNode.status).toBe(422);
  });

  it("soft-deletes, then purges only as an explicit admin action", async () => {
    const { operator, base, community } = await setUpCommunity();
    const early = await operator.request(`${base}/purge`, { method: "POST" });
    expect(early.status).toBe(409);
    expect((await operator.request(base, { method: "DELETE" })).status).toBe(204);
    expect((await operator.request(base)).status).toBe(404);
    expect(await db.prisma.community.count({ where: { id: community.id } })).toBe(1);
    expect((await operator.request(`${base}/purge`, { method: "POST" })).status).toBe(204);
    expect(await db.prisma.community.count({ where: { id: community.id } })).toBe(0);
  });
});

describe("community members", () => {
  it("mints keys and starts members PENDING", async () => {
    const { operator, base } = await setUpCommunity();
    const first = await addMember(operator, base, { name: "Rossi", role: "PROSUMER", area: "cp-nord" });
    const second = await addMember(operator, base, { name: "Scuola", role: "PRODUCER" });
    expect([first.key, second.key]).toEqual(["M-000001", "M-000002"]);
    expect(first.status).toBe("PENDING");
  });

  it("follows the lifecycle PENDING → ACTIVE ⇄ SUSPENDED → INACTIVE and refuses other moves with 409", async () => {
    const { operator, base } = await setUpCommunity();
    const member = await addMember(operator, base, { name: "Rossi", role: "CONSUMER" });
    const move = (status: string) =>
      operator.request(`${base}/members/${member.id}/status`, { method: "POST", body: { status } });
    expect((await move("SUSPENDED")).status).toBe(409);
    expect((await move("ACTIVE")).status).toBe(200);
    expect((await move("SUSPENDED")).status).toBe(200);
    expect((await move("ACTIVE")).status).toBe(200);
    expect((await move("INACTIVE")).status).toBe(200);
    const final = await move("ACTIVE");
    expect(final.status).toBe(409);
    expect(((await final.json()) as Problem).detail).toMatch(/INACTIVE/);
  });

  it("refuses an area the community does not have with 422", async () => {
    const { operator, base } = await setUpCommunity();
    const response = await operator.request(`${base}/members`, {
      method: "POST",
      body: { name: "Rossi", role: "CONSUMER", area: "nowhere" },
    });
    expect(response.status).toBe(422);
  });

  it("refuses the same wallet twice in a community with 409", async () => {
    const { operator, base } = await setUpCommunity();
    const address = privateKeyToAccount(generatePrivateKey()).address.toLowerCase();
    await addMember(operator, base, { name: "One", role: "CONSUMER", address });
    const again = await operator.request(`${base}/members`, {
      method: "POST",
      body: { name: "Two", role: "CONSUMER", address: address.toUpperCase().replace("0X", "0x") },
    });
    expect(again.status).toBe(409);
  });

  it("lets a member see and rename only themself, not change their role, and find their communities", async () => {
    const { operator, base, community } = await setUpCommunity();
    const wallet = await signIn(app);
    const member = await addMember(operator, base, { name: "Rossi", role: "CONSUMER", address: wallet.address });
    const other = await addMember(operator, base, { name: "Bianchi", role: "CONSUMER" });
    const asMember = requestWithCookie(app, wallet.cookie);
    const list = (await (await asMember(`${base}/members`)).json()) as { items: Member[] };
    expect(list.items.map((item) => item.id)).toEqual([member.id]);
    expect((await asMember(`${base}/members/${other.id}`)).status).toBe(403);
    const rename = await asMember(`${base}/members/${member.id}`, { method: "PATCH", body: { name: "Rossi Mario" } });
    expect(rename.status).toBe(200);
    const promote = await asMember(`${base}/members/${member.id}`, { method: "PATCH", body: { role: "ADMIN" } });
    expect(promote.status).toBe(403);
    const approveSelf = await asMember(`${base}/members/${member.id}/status`, {
      method: "POST",
      body: { status: "ACTIVE" },
    });
    expect(approveSelf.status).toBe(403);
    expect((await asMember(base, { method: "PATCH", body: { name: "Mine" } })).status).toBe(403);
    const memberships = (await (await asMember("/community-memberships")).json()) as {
      items: Array<{ communityId: string; memberId: string }>;
    };
    expect(memberships.items).toEqual([expect.objectContaining({ communityId: community.id, memberId: member.id })]);
  });

  it("gives an active community ADMIN member the operators' reach", async () => {
    const { operator, base } = await setUpCommunity();
    const wallet = await signIn(app);
    const admin = await addMember(operator, base, { name: "Presidente", role: "ADMIN", address: wallet.address });
    const other = await addMember(operator, base, { name: "Bianchi", role: "CONSUMER" });
    const asAdmin = requestWithCookie(app, wallet.cookie);
    expect((await asAdmin(`${base}/members/${other.id}`)).status).toBe(403);
    await operator.request(`${base}/members/${admin.id}/status`, { method: "POST", body: { status: "ACTIVE" } });
    expect((await asAdmin(`${base}/members/${other.id}`)).status).toBe(200);
  });

  it("never clears fields a partial update does not name", async () => {
    const { operator, base } = await setUpCommunity();
    const member = await addMember(operator, base, {
      name: "Rossi",
      role: "PROSUMER",
      area: "cp-nord",
      extra: { type: "schema:Person", note: "x" },
    });
    const response = await operator.request(`${base}/members/${member.id}`, {
      method: "PATCH",
      body: { extra: { note: null } },
    });
    expect(await response.json()).toMatchObject({
      name: "Rossi",
      role: "PROSUMER",
      area: "cp-nord",
      extra: { type: "schema:Person" },
    });
  });

  it("soft-deletes a member and purges them only after", async () => {
    const { operator, base } = await setUpCommunity();
    const member = await addMember(operator, base, { name: "Rossi", role: "CONSUMER" });
    expect((await operator.request(`${base}/members/${member.id}/purge`, { method: "POST" })).status).toBe(409);
    expect((await operator.request(`${base}/members/${member.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await operator.request(`${base}/members/${member.id}`)).status).toBe(404);
    expect((await operator.request(`${base}/members/${member.id}/purge`, { method: "POST" })).status).toBe(204);
    expect(await db.prisma.communityMember.count({ where: { id: member.id } })).toBe(0);
  });

  it("answers 404 for a member of another community under the caller's own", async () => {
    const first = await setUpCommunity();
    const second = await setUpCommunity();
    const member = await addMember(second.operator, second.base, { name: "Rossi", role: "CONSUMER" });
    expect((await first.operator.request(`${first.base}/members/${member.id}`)).status).toBe(404);
  });
});
