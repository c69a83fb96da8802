import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestWithCookie, type SignedInMember, signIn, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

interface Problem {
  errors?: Array<{ path: string; message: string }>;
}
interface Balance {
  rows: Array<Record<string, unknown>>;
  totals: Record<string, unknown>;
}

let operator: SignedInMember;
let base: string;
let asRossi: ReturnType<typeof requestWithCookie>;
const members: Record<string, string> = {};
let podSerial = Number(String(Date.now()).slice(-7)) * 10;
const nextPod = () => `IT777E${String(podSerial++).padStart(8, "0")}`;

/** Four 15-minute readings summing to `totalWh` in the hour starting at `hour`. */
function quarterReadings(meter: string, direction: "IMPORT" | "EXPORT", hour: string, totalWh: number) {
  return [0, 15, 30, 45].map((minute) => ({
    meter,
    direction,
    start: new Date(Date.parse(hour) + minute * 60_000).toISOString(),
    energyWh: totalWh / 4,
  }));
}

const H10 = "2026-06-01T10:00:00Z";
const H11 = "2026-06-01T11:00:00Z";
const READINGS = [
  ...quarterReadings("p1", "EXPORT", H10, 2000),
  ...quarterReadings("g1", "EXPORT", H10, 1200),
  ...quarterReadings("g2", "IMPORT", H10, 800),
  ...quarterReadings("g3", "IMPORT", H10, 1000),
  ...quarterReadings("p1", "EXPORT", H11, 400),
  ...quarterReadings("g1", "IMPORT", H11, 200),
  ...quarterReadings("g2", "IMPORT", H11, 1200),
  ...quarterReadings("g3", "EXPORT", H11, 500),
];

async function addMeter(memberId: string, key: string, meterType: string, direction: string) {
  const pod = nextPod();
  await operator.request(`${base}/members/${memberId}/delivery-points`, {
    method: "POST",
    body: { code: pod, type: "EXCHANGE" },
  });
  const response = await operator.request(`${base}/assets`, {
    method: "POST",
    body: { key, type: "METER", name: key, ownerMemberId: memberId, properties: { meterType, pod, direction } },
  });
  expect(response.status).toBe(201);
}

const ingest = (readings: unknown[]) => operator.request(`${base}/readings`, { method: "POST", body: { readings } });
const balance = async (query: string) => {
  const response = await operator.request(`${base}/energy-balance?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Balance;
};

beforeAll(async () => {
  operator = await signInMember(app, db, "COMMUNITY_OPERATOR");
  const created = await operator.request(`/organizations/${operator.organizationId}/communities`, {
    method: "POST",
    body: {
      key: "balance",
      name: "CER Bilancio",
      areas: [
        { key: "a", name: "Area A" },
        { key: "b", name: "Area B" },
      ],
      settings: { timezone: "Europe/Rome", currency: "EUR", incentivePerMwh: 110 },
    },
  });
  base = `/organizations/${operator.organizationId}/communities/${((await created.json()) as { id: string }).id}`;
  const wallet = await signIn(app);
  asRossi = requestWithCookie(app, wallet.cookie);
  for (const [name, area, address] of [
    ["rossi", "a", wallet.address],
    ["bianchi", "a", undefined],
    ["verdi", "b", undefined],
  ] as const) {
    const response = await operator.request(`${base}/members`, {
      method: "POST",
      body: { name, role: "PROSUMER", area, ...(address ? { address } : {}) },
    });
    members[name] = ((await response.json()) as { id: string }).id;
  }
  await addMeter(members.rossi!, "g1", "GRID", "BIDIRECTIONAL");
  await addMeter(members.rossi!, "p1", "PRODUCTION", "EXPORT");
  await addMeter(members.bianchi!, "g2", "GRID", "IMPORT");
  await addMeter(members.verdi!, "g3", "GRID", "BIDIRECTIONAL");
  const response = await ingest(READINGS);
  expect(await response.json()).toEqual({ accepted: 32, alreadyStored: 0 });
});

describe("meter readings", () => {
  it("keeps what is already stored: the same batch again changes nothing", async () => {
    const before = await balance("from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z&granularity=day");
    const again = await ingest(READINGS.slice(0, 8));
    expect(await again.json()).toEqual({ accepted: 0, alreadyStored: 8 });
    expect(await balance("from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z&granularity=day")).toEqual(before);
  });

  it("refuses the whole batch naming each bad reading: unknown meter, off the quarter hour, a direction the meter does not record, twice in the batch", async () => {
    const response = await ingest([
      { meter: "nope", direction: "IMPORT", start: "2026-06-02T10:00:00Z", energyWh: 1 },
      { meter: "g1", direction: "IMPORT", start: "2026-06-02T10:07:00Z", energyWh: 1 },
      { meter: "p1", direction: "IMPORT", start: "2026-06-02T10:00:00Z", energyWh: 1 },
      { meter: "g1", direction: "IMPORT", start: "2026-06-02T10:15:00Z", energyWh: 1 },
      { meter: "g1", direction: "IMPORT", start: "2026-06-02T10:15:00+00:00", energyWh: 2 },
      { meter: "g2", direction: "IMPORT", start: "2026-06-02T11:00:00Z", energyWh: 1.5 },
    ]);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((error) => error.path)).toEqual(["readings.5.energyWh"]);
    const semantic = await ingest([
      { meter: "nope", direction: "IMPORT", start: "2026-06-02T10:00:00Z", energyWh: 1 },
      { meter: "g1", direction: "IMPORT", start: "2026-06-02T10:07:00Z", energyWh: 1 },
      { meter: "p1", direction: "IMPORT", start: "2026-06-02T10:00:00Z", energyWh: 1 },
      { meter: "g1", direction: "IMPORT", start: "2026-06-02T10:15:00Z", energyWh: 1 },
      { meter: "g1", direction: "IMPORT", start: "2026-06-02T10:15:00+00:00", energyWh: 2 },
    ]);
    expect(semantic.status).toBe(422);
    expect(((await semantic.json()) as Problem).errors?.map((error) => error.path)).toEqual([
      "readings.0.meter",
      "readings.1.start",
      "readings.2.direction",
      "readings.4",
    ]);
    expect(
      await db.prisma.meterReading.count({ where: { intervalStart: { gte: new Date("2026-06-02T00:00:00Z") } } }),
    ).toBe(0);
  });

  it("takes readings from a machine with the organization's readings:write key", async () => {
    const created = await operator.request(`/organizations/${operator.organizationId}/api-keys`, {
      method: "POST",
      body: { name: "meter gateway", scopes: ["readings:write"] },
    });
    const { key } = (await created.json()) as { key: string };
    const response = await app.request(`/api/v1${base}/readings`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        readings: [{ meter: "g3", direction: "IMPORT", start: "2025-05-01T00:00:00Z", energyWh: 0 }],
      }),
    });
    expect(await response.json()).toEqual({ accepted: 1, alreadyStored: 0 });
  });

  it("lets a member read their own energy but not the community's balance or ingest", async () => {
    expect((await asRossi(`${base}/energy-balance?from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z`)).status).toBe(
      403,
    );
    expect(
      (await asRossi(`${base}/readings`, { method: "POST", body: { readings: READINGS.slice(0, 1) } })).status,
    ).toBe(403);
    const own = await asRossi(
      `${base}/members/${members.rossi}/energy?from=2026-06-01T10:00:00Z&to=2026-06-01T12:00:00Z&granularity=hour`,
    );
    expect(((await own.json()) as { rows: unknown[] }).rows).toEqual([
      { period: "2026-06-01T10:00:00.000Z", productionWh: 2000, fedInWh: 1200, drawnWh: 0 },
      { period: "2026-06-01T11:00:00.000Z", productionWh: 400, fedInWh: 0, drawnWh: 200 },
    ]);
    expect(
      (await asRossi(`${base}/members/${members.bianchi}/energy?from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z`))
        .status,
    ).toBe(403);
  });
});

describe("energy balance", () => {
  it("shares energy per hour within an area only, with exact figures by area and hour", async () => {
    const { rows } = await balance("from=2026-06-01T10:00:00Z&to=2026-06-01T12:00:00Z&granularity=hour&by=area");
    expect(rows).toEqual([
      {
        period: "2026-06-01T10:00:00.000Z",
        area: "a",
        productionWh: 2000,
        consumptionWh: 1600,
        fedInWh: 1200,
        drawnWh: 800,
        sharedWh: 800,
        selfConsumptionRatio: 0.8,
        selfSufficiencyRatio: 1,
        incentive: 0.09,
      },
      {
        period: "2026-06-01T10:00:00.000Z",
        area: "b",
        productionWh: 0,
        consumptionWh: 1000,
        fedInWh: 0,
        drawnWh: 1000,
        sharedWh: 0,
        selfConsumptionRatio: null,
        selfSufficiencyRatio: 0,
        incentive: 0,
      },
      {
        period: "2026-06-01T11:00:00.000Z",
        area: "a",
        productionWh: 400,
        consumptionWh: 1800,
        fedInWh: 0,
        drawnWh: 1400,
        sharedWh: 0,
        selfConsumptionRatio: 1,
        selfSufficiencyRatio: 0.2222,
        incentive: 0,
      },
      {
        // Area b feeds in 500 Wh while area a draws 1,400: different areas share nothing.
        period: "2026-06-01T11:00:00.000Z",
        area: "b",
        productionWh: 0,
        consumptionWh: 0,
        fedInWh: 500,
        drawnWh: 0,
        sharedWh: 0,
        selfConsumptionRatio: null,
        selfSufficiencyRatio: null,
        incentive: 0,
      },
    ]);
  });

  it("sums a day in the community's time zone, with its ratios and incentive", async () => {
    const { rows, totals } = await balance("from=2026-05-31T22:00:00Z&to=2026-06-01T22:00:00Z&granularity=day");
    const day = {
      productionWh: 2400,
      consumptionWh: 4400,
      fedInWh: 1700,
      drawnWh: 3200,
      sharedWh: 800,
      selfConsumptionRatio: 0.8333,
      selfSufficiencyRatio: 0.4545,
      incentive: 0.09,
    };
    // Midnight in Rome (UTC+2 in June) starts the day.
    expect(rows).toEqual([{ period: "2026-05-31T22:00:00.000Z", area: null, ...day }]);
    expect(totals).toEqual(day);
  });

  it("gives a month by day and a year by month from the same hours", async () => {
    const month = await balance("from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z&granularity=day&area=a");
    expect(month.totals).toMatchObject({ productionWh: 2400, fedInWh: 1200, drawnWh: 2200, sharedWh: 800 });
    const year = await balance("from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&granularity=month");
    expect(year.rows.map((row) => row.period)).toEqual(["2026-05-31T22:00:00.000Z"]);
    expect(year.totals).toMatchObject({ sharedWh: 800, drawnWh: 3200 });
  });

  it("refuses an empty period or one too long for its granularity with 422", async () => {
    const hourly = await operator.request(
      `${base}/energy-balance?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&granularity=hour`,
    );
    expect(hourly.status).toBe(422);
    const empty = await operator.request(`${base}/energy-balance?from=2026-06-01T00:00:00Z&to=2026-06-01T00:00:00Z`);
    expect(empty.status).toBe(422);
  });

  it("carries the balance with an area that is renamed", async () => {
    const rename = await operator.request(`${base}/areas/b`, { method: "PATCH", body: { key: "b-nord" } });
    expect(rename.status).toBe(200);
    const { rows } = await balance("from=2026-06-01T10:00:00Z&to=2026-06-01T12:00:00Z&granularity=day&by=area");
    expect(rows.map((row) => [row.area, row.drawnWh])).toEqual([
      ["a", 2200],
      ["b-nord", 1000],
    ]);
    await operator.request(`${base}/areas/b-nord`, { method: "PATCH", body: { key: "b" } });
  });
});
