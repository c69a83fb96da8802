import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let apiKey: string;
let passport: { id: string; publicId: string; modelId: string };

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  const org = `/organizations/${maker.organizationId}`;
  const model = (await (
    await maker.request(`${org}/models`, {
      method: "POST",
      body: { modelCode: "RD-1", name: "Readings", batteryCategory: "LMT" },
    })
  ).json()) as { id: string };
  passport = {
    ...((await (
      await maker.request(`${org}/passports`, { method: "POST", body: { modelId: model.id, serialNumber: "RD-SN-1" } })
    ).json()) as { id: string; publicId: string }),
    modelId: model.id,
  };
  apiKey = (
    (await (await maker.request(`${org}/api-keys`, { method: "POST", body: { name: "gateway" } })).json()) as {
      key: string;
    }
  ).key;
});

const ingest = (readings: unknown[], idempotencyKey: string, key = apiKey) =>
  app.request("/api/v1/readings", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}`, "idempotency-key": idempotencyKey },
    body: JSON.stringify({ readings }),
  });
const reading = (minute: number, extra: Record<string, unknown> = {}) => ({
  publicId: passport.publicId,
  measuredAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  stateOfHealthPct: 99,
  cycleCount: minute,
  ...extra,
});
const countReadings = () => db.prisma.reading.count({ where: { passportId: passport.id } });

describe("POST /readings", () => {
  it("stores a batch and keeps the unit's cycle count current", async () => {
    const response = await ingest([reading(1), reading(2)], "batch-0001");
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ accepted: 2, alreadyStored: 0, replayed: false });
    const detail = (await (
      await maker.request(`/organizations/${maker.organizationId}/passports/${passport.id}`)
    ).json()) as {
      attributes: Array<{ key: string; value: unknown }>;
    };
    expect(detail.attributes.find((attribute) => attribute.key === "perf.full_cycles")?.value).toBe(2);
  });

  it("replays the same batch under the same key without storing it again", async () => {
    const before = await countReadings();
    const response = await ingest([reading(1), reading(2)], "batch-0001");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ replayed: true, accepted: 2 });
    expect(await countReadings()).toBe(before);
  });

  it("refuses another batch under a used key with 409", async () => {
    expect((await ingest([reading(3)], "batch-0001")).status).toBe(409);
  });

  it("refuses a whole batch with one bad reading and stores none of it", async () => {
    const before = await countReadings();
    const response = await ingest([reading(10), reading(11, { stateOfHealthPct: 140 })], "batch-0002");
    expect(response.status).toBe(422);
    expect(await countReadings()).toBe(before);
  });

  it("refuses a batch naming an unknown unit and stores none of it", async () => {
    const before = await countReadings();
    const response = await ingest([reading(12), { ...reading(13), publicId: "unknownUnit01" }], "batch-0003");
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ index: 1 }] });
    expect(await countReadings()).toBe(before);
  });

  it("refuses a revoked key with 401", async () => {
    const org = `/organizations/${maker.organizationId}`;
    const created = (await (
      await maker.request(`${org}/api-keys`, { method: "POST", body: { name: "old" } })
    ).json()) as {
      id: string;
      key: string;
    };
    await maker.request(`${org}/api-keys/${created.id}`, { method: "DELETE" });
    expect((await ingest([reading(20)], "batch-0004", created.key)).status).toBe(401);
  });

  it("lists a unit's readings newest first with a cursor", async () => {
    const url = `/organizations/${maker.organizationId}/passports/${passport.id}/readings?limit=1`;
    const first = (await (await maker.request(url)).json()) as {
      items: Array<{ cycleCount: number }>;
      nextCursor: string;
    };
    const second = (await (await maker.request(`${url}&cursor=${first.nextCursor}`)).json()) as {
      items: Array<{ cycleCount: number }>;
    };
    expect([first.items[0]?.cycleCount, second.items[0]?.cycleCount]).toEqual([2, 1]);
  });
});

describe("POST /readings from several gateways at once", () => {
  it("stores concurrent batches of the same units without deadlock, the newest measurement winning", async () => {
    const org = `/organizations/${maker.organizationId}`;
    const units = await Promise.all(
      ["RD-C-1", "RD-C-2", "RD-C-3"].map(
        async (serialNumber) =>
          (await (
            await maker.request(`${org}/passports`, {
              method: "POST",
              body: { modelId: passport.modelId, serialNumber },
            })
          ).json()) as { id: string; publicId: string },
      ),
    );
    // Eight batches, each naming every unit, in an order that differs from batch to batch.
    const batches = Array.from({ length: 8 }, (_, batch) =>
      (batch % 2 === 0 ? units : [...units].reverse()).map((unit) => ({
        publicId: unit.publicId,
        measuredAt: new Date(Date.UTC(2026, 2, 1, batch)).toISOString(),
        cycleCount: 100 + batch,
        stateOfChargePct: 50,
      })),
    );
    const responses = await Promise.all(batches.map((readings, batch) => ingest(readings, `concurrent-${batch}`)));
    expect(responses.map((response) => response.status)).toEqual(batches.map(() => 201));
    expect(await db.prisma.reading.count({ where: { passportId: { in: units.map((unit) => unit.id) } } })).toBe(24);
    for (const unit of units) {
      const detail = (await (await maker.request(`${org}/passports/${unit.id}`)).json()) as {
        attributes: Array<{ key: string; value: unknown }>;
      };
      expect(detail.attributes.find((attribute) => attribute.key === "perf.full_cycles")?.value).toBe(107);
    }
  });

  it("keeps the newer value when an older batch arrives late", async () => {
    const late = await ingest([reading(0, { cycleCount: 1 })], "late-batch-0001");
    expect(late.status).toBe(201);
    const detail = (await (
      await maker.request(`/organizations/${maker.organizationId}/passports/${passport.id}`)
    ).json()) as { attributes: Array<{ key: string; value: unknown }> };
    expect(detail.attributes.find((attribute) => attribute.key === "perf.full_cycles")?.value).toBe(2);
  });
});

describe("API keys", () => {
  it("stores only a hash of the key", async () => {
    const stored = await db.prisma.apiKey.findMany({ where: { tenantId: maker.organizationId } });
    expect(stored.every((row) => !JSON.stringify(row).includes(apiKey))).toBe(true);
  });
});
