import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let podSerial = Number(String(Date.now()).slice(-7)) * 10;
const nextPod = () => `IT555E${String(podSerial++).padStart(8, "0")}`;

function getBundle() {
  const pods = [nextPod(), nextPod()];
  return {
    schema: "a360.community.v1",
    community: {
      key: "bundle_rec",
      name: "CER from a bundle",
      areas: [{ key: "nord", name: "Nord", topology: [] }],
      settings: { timezone: "Europe/Rome", currency: "EUR", incentivePerMwh: 110 },
    },
    members: [
      {
        key: "M-000001",
        name: "Rossi",
        role: "PROSUMER",
        area: "nord",
        status: "ACTIVE",
        address: undefined as string | undefined,
        deliveryPoints: [{ code: pods[0], type: "EXCHANGE", active: true }],
      },
      {
        key: "M-000002",
        name: "Bianchi",
        role: "CONSUMER",
        area: "nord",
        deliveryPoints: [{ code: pods[1], type: "WITHDRAWAL", active: true }],
      },
    ],
    assets: [
      { key: "pv-rossi", type: "PV", name: "Roof", owner: "M-000001", properties: { capacityKwp: 6 } },
      {
        key: "meter-rossi",
        sensorId: undefined as string | undefined,
        type: "METER",
        name: "Grid meter",
        owner: "M-000001",
        properties: { meterType: "GRID", pod: pods[0], direction: "BIDIRECTIONAL" },
        relationships: { measures: ["pv-rossi"] },
      },
      {
        key: "load-bianchi",
        type: "LOAD",
        name: "Oven",
        owner: "M-000002",
        properties: { ratedPowerKw: 3, loadType: "oven" },
      },
    ],
  };
}

async function setUp() {
  const operator = await signInMember(app, db, "COMMUNITY_OPERATOR");
  const created = await operator.request(`/organizations/${operator.organizationId}/communities`, {
    method: "POST",
    body: { key: "bundle_rec", name: "Empty" },
  });
  const { id } = (await created.json()) as { id: string };
  return { operator, base: `/organizations/${operator.organizationId}/communities/${id}`, communityId: id };
}

describe("community bundles", () => {
  it("reports in a dry run what an import would change, and changes nothing", async () => {
    const { operator, base, communityId } = await setUp();
    const response = await operator.request(`${base}/bundle?dryRun=true`, { method: "POST", body: getBundle() });
    expect(await response.json()).toEqual({
      dryRun: true,
      members: { create: ["M-000001", "M-000002"], update: [], delete: [] },
      deliveryPoints: { create: expect.any(Array), update: [], delete: [] },
      assets: { create: ["pv-rossi", "meter-rossi", "load-bianchi"], update: [], delete: [] },
    });
    expect(await db.prisma.communityMember.count({ where: { communityId } })).toBe(0);
  });

  it("imports a whole community and exports the same document back, as JSON and as YAML", async () => {
    const { operator, base } = await setUp();
    const bundle = getBundle();
    expect((await operator.request(`${base}/bundle`, { method: "POST", body: bundle })).status).toBe(200);
    const exported = (await (await operator.request(`${base}/bundle`)).json()) as ReturnType<typeof getBundle>;
    expect(exported.members.map((member) => member.key)).toEqual(["M-000001", "M-000002"]);
    expect(exported.assets.map((asset) => asset.key).sort()).toEqual(["load-bianchi", "meter-rossi", "pv-rossi"]);
    expect(exported.community.settings).toEqual(bundle.community.settings);
    const yaml = await operator.request(`${base}/bundle?format=yaml`);
    expect(yaml.headers.get("content-type")).toMatch(/application\/yaml/);
    expect(parseYaml(await yaml.text())).toEqual(exported);
    const again = await operator.request(`${base}/bundle`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: await (await operator.request(`${base}/bundle?format=yaml`)).text(),
    });
    expect(((await again.json()) as { members: { update: string[] } }).members.update).toEqual([
      "M-000001",
      "M-000002",
    ]);
    // The next member the community mints follows the bundle's keys.
    const minted = await operator.request(`${base}/members`, {
      method: "POST",
      body: { name: "Verdi", role: "CONSUMER" },
    });
    expect(((await minted.json()) as { key: string }).key).toBe("M-000003");
  });

  it("refuses to delete what the bundle omits unless forced, naming what would go", async () => {
    const { operator, base, communityId } = await setUp();
    const bundle = getBundle();
    await operator.request(`${base}/bundle`, { method: "POST", body: bundle });
    const smaller = { ...bundle, members: bundle.members.slice(0, 1), assets: bundle.assets.slice(0, 2) };
    const refused = await operator.request(`${base}/bundle`, { method: "POST", body: smaller });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/member M-000002.*asset load-bianchi/);
    expect(await db.prisma.communityMember.count({ where: { communityId, deletedAt: null } })).toBe(2);
    const forced = await operator.request(`${base}/bundle?force=true`, { method: "POST", body: smaller });
    expect(((await forced.json()) as { members: { delete: string[] } }).members.delete).toEqual(["M-000002"]);
    expect(await db.prisma.communityMember.count({ where: { communityId, deletedAt: null } })).toBe(1);
  });

  it("refuses a bundle whose rows do not fit together with 422, storing nothing", async () => {
    const { operator, base, communityId } = await setUp();
    const bundle = getBundle();
    bundle.assets[1]!.properties.pod = "IT001E99999998";
    bundle.assets.push({ key: "pv-x", type: "PV", name: "X", owner: "M-000009", properties: { capacityKwp: 1 } });
    const response = await operator.request(`${base}/bundle`, { method: "POST", body: bundle });
    expect(response.status).toBe(422);
    const paths = ((await response.json()) as { errors: Array<{ path: string }> }).errors.map((error) => error.path);
    expect(paths).toEqual(["assets.1.properties.pod", "assets.3.owner"]);
    expect(await db.prisma.communityMember.count({ where: { communityId } })).toBe(0);
  });

  it("refuses broken YAML with 400 and a bundle from an operator who is no admin with 403", async () => {
    const { operator, base } = await setUp();
    const broken = await operator.request(`${base}/bundle`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: "members: [unclosed",
    });
    expect(broken.status).toBe(400);
    const editor = await signInMember(app, db, "COMMUNITY_OPERATOR", "EDITOR");
    const created = await editor.request(`/organizations/${editor.organizationId}/communities`, {
      method: "POST",
      body: { key: "x", name: "X" },
    });
    const { id } = (await created.json()) as { id: string };
    const refused = await editor.request(`/organizations/${editor.organizationId}/communities/${id}/bundle`, {
      method: "POST",
      body: getBundle(),
    });
    expect(refused.status).toBe(403);
  });
});

describe("community lookups", () => {
  it("finds the holders of wallets, sensors and delivery points in the organization's communities only", async () => {
    const { operator, base } = await setUp();
    const other = await setUp();
    const bundle = getBundle();
    const wallet = `0x${"c1".repeat(20)}`;
    bundle.members[0]!.address = wallet;
    bundle.assets[1]!.sensorId = `LOOKUP-${podSerial}`;
    await operator.request(`${base}/bundle`, { method: "POST", body: bundle });
    const pod = String(bundle.members[1]!.deliveryPoints[0]!.code);
    const body = {
      users: [wallet.toUpperCase().replace("0X", "0x")],
      sensors: [bundle.assets[1]!.sensorId],
      deliveryPoints: [pod.toLowerCase()],
    };
    const mine = await operator.request(`/organizations/${operator.organizationId}/community-lookups`, {
      method: "POST",
      body,
    });
    const hits = (await mine.json()) as Record<string, Array<{ memberKey: string }>>;
    expect([hits.users?.[0]?.memberKey, hits.sensors?.[0]?.memberKey, hits.deliveryPoints?.[0]?.memberKey]).toEqual([
      "M-000001",
      "M-000001",
      "M-000002",
    ]);
    const elsewhere = await other.operator.request(
      `/organizations/${other.operator.organizationId}/community-lookups`,
      {
        method: "POST",
        body,
      },
    );
    expect(await elsewhere.json()).toEqual({ users: [], sensors: [], deliveryPoints: [] });
    const tooMany = await operator.request(`/organizations/${operator.organizationId}/community-lookups`, {
      method: "POST",
      body: { sensors: Array.from({ length: 101 }, (_, index) => `S-${index}`) },
    });
    expect(tooMany.status).toBe(422);
  });
});
