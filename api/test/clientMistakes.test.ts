import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "../src/database/Database.ts";
import { type SignedInMember, signInMember } from "./signInMember.ts";
import { createTestApp } from "./testApp.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let org: string;
let modelId: string;
let passport: { id: string; publicId: string };
let apiKey: string;

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
  modelId = (
    (await (
      await maker.request(`${org}/models`, {
        method: "POST",
        body: { modelCode: "CM-1", name: "Mistakes", batteryCategory: "LMT" },
      })
    ).json()) as { id: string }
  ).id;
  passport = (await (
    await maker.request(`${org}/passports`, {
      method: "POST",
      body: { modelId, serialNumber: "CM-SN-1", productionDate: "2025-06-01" },
    })
  ).json()) as { id: string; publicId: string };
  apiKey = (
    (await (await maker.request(`${org}/api-keys`, { method: "POST", body: { name: "gw" } })).json()) as {
      key: string;
    }
  ).key;
});

async function expectProblem(response: Response, status: number): Promise<{ detail: string; errors?: unknown[] }> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { detail: string; errors?: unknown[] };
}

const passportCount = () => db.prisma.passport.count({ where: { tenantId: maker.organizationId } });
const importCsv = (body: string) =>
  maker.request(`${org}/passports/import`, { method: "POST", headers: { "content-type": "text/csv" }, body });

describe("impossible dates", () => {
  it("refuses 2026-02-30 in JSON instead of storing 2026-03-02", async () => {
    const before = await passportCount();
    await expectProblem(
      await maker.request(`${org}/passports`, {
        method: "POST",
        body: { modelId, serialNumber: "CM-FEB-30", productionDate: "2026-02-30" },
      }),
      422,
    );
    expect(await passportCount()).toBe(before);
  });

  it("refuses 2026-02-30 in a CSV import", async () => {
    const problem = await expectProblem(
      await importCsv("public_id,model_code,serial_number,production_date\n,CM-1,CM-FEB-30-CSV,2026-02-30\n"),
      422,
    );
    expect(JSON.stringify(problem.errors)).toContain("2026-02-30");
  });

  it("takes 2024-02-29, a day that exists", async () => {
    const response = await maker.request(`${org}/passports`, {
      method: "POST",
      body: { modelId, serialNumber: "CM-LEAP", productionDate: "2024-02-29" },
    });
    expect(response.status).toBe(201);
  });
});

describe("crafted cursors and numbers", () => {
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  it("answers a cursor with an id that is no uuid with 422, not 500", async () => {
    await expectProblem(
      await maker.request(`${org}/passports?cursor=${cursor(["2026-01-01T00:00:00.000Z", "not-a-uuid"])}`),
      422,
    );
  });

  it("answers a cursor with an instant Postgres cannot hold with 422", async () => {
    await expectProblem(
      await maker.request(
        `${org}/passports?cursor=${cursor(["-271821-04-20T00:00:00.000Z", "00000000-0000-0000-0000-000000000000"])}`,
      ),
      422,
    );
    const readings = Buffer.from("-200000-01-01T00:00:00.000Z").toString("base64url");
    await expectProblem(await maker.request(`${org}/passports/${passport.id}/readings?cursor=${readings}`), 422);
  });

  it("answers ?version=99999999999 with 422, not 500", async () => {
    await expectProblem(await app.request(`/api/v1/public/passports/${passport.publicId}?version=99999999999`), 422);
  });

  it("refuses a cycle count of 1e300, and one over the catalogue's bound, and stores nothing", async () => {
    const write = (value: number) =>
      maker.request(`${org}/passports/${passport.id}/attributes`, {
        method: "PATCH",
        body: { values: [{ key: "perf.full_cycles", value }] },
      });
    await expectProblem(await write(1e300), 422);
    expect(JSON.stringify(await expectProblem(await write(5_000_000), 422))).toContain("at most 1000000");
    expect(await db.prisma.attributeValue.count({ where: { passportId: passport.id } })).toBe(0);
  });
});

describe("readings", () => {
  const ingest = (readings: unknown[], key: string) =>
    app.request("/api/v1/readings", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, "idempotency-key": key },
      body: JSON.stringify({ readings }),
    });
  const readingCount = () => db.prisma.reading.count({ where: { passportId: passport.id } });

  it("refuses a reading before 1970", async () => {
    await expectProblem(
      await ingest([{ publicId: passport.publicId, measuredAt: "1969-12-31T23:59:59Z", cycleCount: 1 }], "before-1970"),
      422,
    );
    expect(await readingCount()).toBe(0);
  });

  it("refuses a reading before the unit was produced", async () => {
    const problem = await expectProblem(
      await ingest(
        [{ publicId: passport.publicId, measuredAt: "2025-05-31T12:00:00Z", cycleCount: 1 }],
        "before-production",
      ),
      422,
    );
    expect(JSON.stringify(problem.errors)).toContain("production date 2025-06-01");
    expect(await readingCount()).toBe(0);
  });

  it("replays a batch whose instants are spelled differently (Z, +00:00) under the same Idempotency-Key", async () => {
    const first = await ingest(
      [{ publicId: passport.publicId, measuredAt: "2026-01-02T10:00:00Z", cycleCount: 3 }],
      "spelt-instants",
    );
    expect(first.status).toBe(201);
    const again = await ingest(
      [{ publicId: passport.publicId, measuredAt: "2026-01-02T10:00:00.000+00:00", cycleCount: 3 }],
      "spelt-instants",
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ replayed: true });
  });
});

describe("a huge bad CSV", () => {
  it("gets a bounded answer: the first 100 bad rows, short reasons, the total in the detail", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `,NO-SUCH-MODEL-${"x".repeat(150)},SN-${i}`).join("\n");
    const body = `public_id,model_code,serial_number\n${rows}\n`;
    const response = await importCsv(body);
    const problem = await expectProblem(response, 422);
    expect(problem.errors).toHaveLength(100);
    expect(problem.detail).toContain("20000 bad rows");
    expect(JSON.stringify(problem).length).toBeLessThan(50_000);
  });
});

describe("anonymous readers", () => {
  it("see no legitimate-interest field of a passport's head (its battery status), and the owner does", async () => {
    const anonymous = (await (await app.request(`/api/v1/passports/${passport.publicId}`)).json()) as Record<
      string,
      unknown
    >;
    expect(anonymous.readerAccess).toBe("PUBLIC");
    expect(anonymous.lifecycleState).toBeNull();
    expect(anonymous.serialNumber).toBe("CM-SN-1");
    const owner = (await (await maker.request(`/passports/${passport.publicId}`)).json()) as Record<string, unknown>;
    expect(owner.lifecycleState).toBe("ORIGINAL");
  });
});
