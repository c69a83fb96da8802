import { afterAll, describe, expect, it } from "vitest";
import { requestWithCookie, signIn, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { findDeliveryPointScheme, getEicCheckCharacter } from "./DeliveryPointId.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

interface Problem {
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

/** A community with one member; the member signs in with their own wallet. */
async function setUp() {
  const operator = await signInMember(app, db, "COMMUNITY_OPERATOR");
  const created = await operator.request(`/organizations/${operator.organizationId}/communities`, {
    method: "POST",
    body: { key: "rec", name: "CER" },
  });
  const community = (await created.json()) as { id: string };
  const base = `/organizations/${operator.organizationId}/communities/${community.id}`;
  const wallet = await signIn(app);
  const member = (await (
    await operator.request(`${base}/members`, {
      method: "POST",
      body: { name: "Rossi", role: "PROSUMER", address: wallet.address },
    })
  ).json()) as { id: string };
  return { operator, base, member, asMember: requestWithCookie(app, wallet.cookie) };
}

let podCounter = 0;
/** A fresh Italian POD per test: delivery points are unique across the platform. */
const nextPod = () =>
  `IT${String(100 + (podCounter++ % 900)).padStart(3, "0")}E${String(Date.now() % 1e8).padStart(8, "0")}`;

describe("delivery point identifiers", () => {
  it("takes Italian PODs, EANs whose check digit holds and EICs whose check character holds", () => {
    expect(findDeliveryPointScheme("IT001E12345678")).toBe("IT_POD");
    expect(findDeliveryPointScheme("871687120000000011")).toBe("EAN_18");
    expect(findDeliveryPointScheme("10YFR-RTE------C")).toBe("EIC");
    expect(findDeliveryPointScheme("10Y1001A1001A83F")).toBe("EIC");
  });

  it("refuses a wrong check digit or character and other shapes", () => {
    expect(findDeliveryPointScheme("871687120000000018")).toBeUndefined();
    expect(findDeliveryPointScheme("10YFR-RTE------D")).toBeUndefined();
    expect(findDeliveryPointScheme("IT001X12345678")).toBeUndefined();
    expect(findDeliveryPointScheme("DE0001")).toBeUndefined();
    expect(getEicCheckCharacter("10YDE-RWENET---")).toBe("I");
  });
});

describe("delivery points", () => {
  it("adds a member's delivery point, normalising its identifier", async () => {
    const { operator, base, member } = await setUp();
    const response = await operator.request(`${base}/members/${member.id}/delivery-points`, {
      method: "POST",
      body: {
        code: "it001e 1234 5699",
        type: "EXCHANGE",
        tariff: "D2",
        address: { city: "Torino", countryCode: "it" },
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      code: "IT001E12345699",
      scheme: "IT_POD",
      active: true,
      address: { city: "Torino", countryCode: "IT" },
    });
  });

  it("refuses an identifier that is not valid with 422 naming the field", async () => {
    const { operator, base, member } = await setUp();
    const response = await operator.request(`${base}/members/${member.id}/delivery-points`, {
      method: "POST",
      body: { code: "871687120000000018", type: "WITHDRAWAL" },
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).errors?.map((error) => error.path)).toEqual(["code"]);
  });

  it("allows one active holder per delivery point across the platform, and frees it when deactivated", async () => {
    const first = await setUp();
    const second = await setUp();
    const code = nextPod();
    const add = (setup: typeof first) =>
      setup.operator.request(`${setup.base}/members/${setup.member.id}/delivery-points`, {
        method: "POST",
        body: { code, type: "EXCHANGE" },
      });
    const held = await add(first);
    expect((await add(second)).status).toBe(409);
    const { id } = (await held.json()) as { id: string };
    await first.operator.request(`${first.base}/members/${first.member.id}/delivery-points/${id}`, {
      method: "PATCH",
      body: { active: false },
    });
    expect((await add(second)).status).toBe(201);
    const back = await first.operator.request(`${first.base}/members/${first.member.id}/delivery-points/${id}`, {
      method: "PATCH",
      body: { active: true },
    });
    expect(back.status).toBe(409);
  });

  it("lets a member manage their own delivery points, keeping what a change does not name", async () => {
    const { base, member, asMember } = await setUp();
    const created = await asMember(`${base}/members/${member.id}/delivery-points`, {
      method: "POST",
      body: { code: nextPod(), type: "WITHDRAWAL", tariff: "D2", description: "Casa" },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const changed = await asMember(`${base}/members/${member.id}/delivery-points/${id}`, {
      method: "PATCH",
      body: { tariff: "D3" },
    });
    expect(await changed.json()).toMatchObject({ tariff: "D3", description: "Casa", type: "WITHDRAWAL" });
  });

  it("keeps a member out of another member's delivery points", async () => {
    const { operator, base, asMember } = await setUp();
    const other = (await (
      await operator.request(`${base}/members`, { method: "POST", body: { name: "Bianchi", role: "CONSUMER" } })
    ).json()) as { id: string };
    const response = await asMember(`${base}/members/${other.id}/delivery-points`, {
      method: "POST",
      body: { code: nextPod(), type: "WITHDRAWAL" },
    });
    expect(response.status).toBe(403);
  });
});

describe("energy assets", () => {
  it("validates properties per type and refuses what a type does not have", async () => {
    const { operator, base, member } = await setUp();
    const post = (body: Record<string, unknown>) =>
      operator.request(`${base}/assets`, { method: "POST", body: { ownerMemberId: member.id, name: "A", ...body } });
    expect((await post({ key: "pv-1", type: "PV", properties: { capacityKwp: 6.5, tiltDeg: 30 } })).status).toBe(201);
    const wrong = await post({ key: "pv-2", type: "PV", properties: { capacityKwh: 10 } });
    expect(wrong.status).toBe(422);
    const paths = ((await wrong.json()) as Problem).errors?.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(["properties.capacityKwp", "properties"]));
    const storage = await post({
      key: "bat-1",
      type: "STORAGE",
      properties: { capacityKwh: 10, chemistry: "PLUTONIUM" },
    });
    expect(storage.status).toBe(422);
    const unknownType = await post({ key: "x-1", type: "WINDMILL", properties: {} });
    expect(unknownType.status).toBe(422);
  });

  it("places a meter at an active delivery point of its owner and lets it measure assets of the community", async () => {
    const { operator, base, member } = await setUp();
    const pod = nextPod();
    const post = (body: Record<string, unknown>) =>
      operator.request(`${base}/assets`, { method: "POST", body: { ownerMemberId: member.id, name: "A", ...body } });
    const meter = { type: "METER", properties: { meterType: "GRID", pod, direction: "BIDIRECTIONAL" } };
    const nowhere = await post({ key: "m-1", ...meter });
    expect(nowhere.status).toBe(422);
    expect(((await nowhere.json()) as Problem).errors?.map((error) => error.path)).toEqual(["properties.pod"]);
    await operator.request(`${base}/members/${member.id}/delivery-points`, {
      method: "POST",
      body: { code: pod, type: "EXCHANGE" },
    });
    await post({ key: "pv-1", type: "PV", properties: { capacityKwp: 3 } });
    const missing = await post({ key: "m-1", ...meter, relationships: { measures: ["pv-1", "pv-9"] } });
    expect(((await missing.json()) as Problem).errors).toEqual([{ path: "relationships", message: "no asset pv-9" }]);
    const ok = await post({ key: "m-1", ...meter, relationships: { measures: ["pv-1"] }, sensorId: `S-${pod}` });
    expect(ok.status).toBe(201);
    const notMeter = await post({
      key: "pv-2",
      type: "PV",
      properties: { capacityKwp: 3 },
      relationships: { measures: ["pv-1"] },
    });
    expect(notMeter.status).toBe(422);
  });

  it("gives a sensor id one live holder across the platform (409), free again when the asset is deleted", async () => {
    const first = await setUp();
    const second = await setUp();
    const sensorId = `SENSOR-${Date.now()}`;
    const post = (setup: typeof first) =>
      setup.operator.request(`${setup.base}/assets`, {
        method: "POST",
        body: {
          key: "load-1",
          type: "LOAD",
          name: "Pump",
          ownerMemberId: setup.member.id,
          sensorId,
          properties: { ratedPowerKw: 2, loadType: "pump" },
        },
      });
    const held = (await (await post(first)).json()) as { id: string };
    expect((await post(second)).status).toBe(409);
    await first.operator.request(`${first.base}/assets/${held.id}`, { method: "DELETE" });
    expect((await post(second)).status).toBe(201);
  });

  it("merges a partial update of properties and checks the result against the type", async () => {
    const { operator, base, member } = await setUp();
    const created = (await (
      await operator.request(`${base}/assets`, {
        method: "POST",
        body: {
          key: "pv-1",
          type: "PV",
          name: "Roof",
          ownerMemberId: member.id,
          properties: { capacityKwp: 6, tiltDeg: 30 },
          device: { manufacturer: "SunPower" },
        },
      })
    ).json()) as { id: string };
    const changed = await operator.request(`${base}/assets/${created.id}`, {
      method: "PATCH",
      body: { properties: { tiltDeg: 25 }, device: { model: "Maxeon 6" } },
    });
    expect(await changed.json()).toMatchObject({
      name: "Roof",
      properties: { capacityKwp: 6, tiltDeg: 25 },
      device: { manufacturer: "SunPower", model: "Maxeon 6" },
    });
    const broken = await operator.request(`${base}/assets/${created.id}`, {
      method: "PATCH",
      body: { properties: { capacityKwp: null } },
    });
    expect(broken.status).toBe(422);
  });

  it("links a storage asset to a battery passport and shows its state of health and anchoring", async () => {
    const { operator, base, member } = await setUp();
    const maker = await signInMember(app, db, "MANUFACTURER");
    const org = `/organizations/${maker.organizationId}`;
    const model = (await (
      await maker.request(`${org}/models`, {
        method: "POST",
        body: { modelCode: "HB-10", name: "Home battery", batteryCategory: "LMT" },
      })
    ).json()) as { id: string };
    const passport = (await (
      await maker.request(`${org}/passports`, {
        method: "POST",
        body: { modelId: model.id, serialNumber: `HB-${Date.now()}` },
      })
    ).json()) as { id: string; publicId: string };
    await db.prisma.reading.create({
      data: {
        passportId: passport.id,
        tenantId: maker.organizationId,
        measuredAt: new Date("2026-06-01T00:00:00Z"),
        stateOfHealthPct: 96.5,
      },
    });
    const created = await operator.request(`${base}/assets`, {
      method: "POST",
      body: {
        key: "bat-1",
        type: "STORAGE",
        name: "Home battery",
        ownerMemberId: member.id,
        properties: { capacityKwh: 10, chemistry: "LFP" },
        passportPublicId: passport.publicId,
      },
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { passport: unknown }).passport).toEqual({
      publicId: passport.publicId,
      stateOfHealthPct: 96.5,
      stateOfHealthAt: "2026-06-01T00:00:00.000Z",
      verification: "not_anchored",
    });
    const unknown = await operator.request(`${base}/assets`, {
      method: "POST",
      body: {
        key: "bat-2",
        type: "STORAGE",
        name: "B",
        ownerMemberId: member.id,
        properties: { capacityKwh: 5, chemistry: "LFP" },
        passportPublicId: "nope",
      },
    });
    expect(unknown.status).toBe(422);
  });

  it("lets a member register and see only their own assets, by type", async () => {
    const { operator, base, member, asMember } = await setUp();
    const other = (await (
      await operator.request(`${base}/members`, { method: "POST", body: { name: "Bianchi", role: "CONSUMER" } })
    ).json()) as { id: string };
    const mine = await asMember(`${base}/assets`, {
      method: "POST",
      body: {
        key: "hp-1",
        type: "HEAT_PUMP",
        name: "Heat pump",
        ownerMemberId: member.id,
        properties: { thermalPowerKw: 8, heatSource: "AIR" },
      },
    });
    expect(mine.status).toBe(201);
    const theirs = await asMember(`${base}/assets`, {
      method: "POST",
      body: {
        key: "hp-2",
        type: "HEAT_PUMP",
        name: "Theirs",
        ownerMemberId: other.id,
        properties: { thermalPowerKw: 8, heatSource: "AIR" },
      },
    });
    expect(theirs.status).toBe(403);
    await operator.request(`${base}/assets`, {
      method: "POST",
      body: {
        key: "ev-1",
        type: "EV_CHARGER",
        name: "Wallbox",
        ownerMemberId: other.id,
        properties: { maxPowerKw: 11, connectorType: "TYPE2", numConnectors: 1 },
      },
    });
    const seen = (await (await asMember(`${base}/assets`)).json()) as { items: Array<{ key: string }> };
    expect(seen.items.map((item) => item.key)).toEqual(["hp-1"]);
    const byType = (await (await operator.request(`${base}/assets?type=EV_CHARGER`)).json()) as {
      items: Array<{ key: string }>;
    };
    expect(byType.items.map((item) => item.key)).toEqual(["ev-1"]);
  });
});
