import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsAdmin } from "../../test/runAsAdmin.ts";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { MODEL_VALUE_TTL_MS } from "./ModelValueCache.ts";

// The model value cache's clock, moved by the tests that need its entries to age.
let now = 1_000_000;
const { app, db } = await createTestApp({}, { modelValueClock: { now: () => now } });
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let org: string;
let modelId: string;
let publicId: string;

interface PublicPassport {
  readerAccess: string;
  attributes: Array<{ key: string; value: unknown; source: string | null; access: string }>;
}

const readAnonymously = async (id = publicId) => {
  const response = await app.request(`/api/v1/passports/${id}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as PublicPassport };
};
const shownValue = (passport: PublicPassport, key: string) =>
  passport.attributes.find((attribute) => attribute.key === key)?.value;

beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
  modelId = (
    (await (
      await maker.request(`${org}/models`, {
        method: "POST",
        body: {
          modelCode: "PUB-1",
          name: "Public",
          batteryCategory: "LMT",
          attributes: [
            { key: "mat.chemistry", value: { shortName: "LFP", clearName: "Lithium iron phosphate" } },
            { key: "label.extinguishing_agent", value: "Water" },
          ],
        },
      })
    ).json()) as { id: string }
  ).id;
  publicId = (
    (await (
      await maker.request(`${org}/passports`, {
        method: "POST",
        body: { modelId, serialNumber: "PUB-SN-1", attributes: [{ key: "perf.full_cycles", value: 7 }] },
      })
    ).json()) as { publicId: string }
  ).publicId;
});

describe("GET /passports/{publicId}", () => {
  it("shows an anonymous reader the public attributes with the same values the owner sees", async () => {
    const anonymous = await readAnonymously();
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("content-type")).toContain("application/json");
    expect(anonymous.headers.get("cache-control")).toBe("public, max-age=60");
    expect(anonymous.body.readerAccess).toBe("PUBLIC");
    expect(anonymous.body.attributes.every((attribute) => attribute.access === "PUBLIC")).toBe(true);
    const owner = (await (await maker.request(`/passports/${publicId}`)).json()) as PublicPassport;
    expect(owner.readerAccess).toBe("FULL");
    const ownerViews = new Map(owner.attributes.map((attribute) => [attribute.key, attribute]));
    for (const attribute of anonymous.body.attributes) expect(ownerViews.get(attribute.key)).toEqual(attribute);
    expect(shownValue(anonymous.body, "label.extinguishing_agent")).toBe("Water");
  });

  it("shows an anonymous reader a model value written through the api at once", async () => {
    await readAnonymously(); // the model's values are now cached
    const response = await maker.request(`${org}/models/${modelId}/attributes`, {
      method: "PATCH",
      body: { values: [{ key: "label.extinguishing_agent", value: "Sand" }] },
    });
    expect(response.status).toBe(200);
    expect(shownValue((await readAnonymously()).body, "label.extinguishing_agent")).toBe("Sand");
  });

  it("serves anonymous readers a kept copy until a commit announces a change; members read fresh", async () => {
    const patched = await maker.request(`${org}/models/${modelId}/attributes`, {
      method: "PATCH",
      body: { values: [{ key: "label.extinguishing_agent", value: "Sand" }] },
    });
    expect(patched.status).toBe(200);
    expect(shownValue((await readAnonymously()).body, "label.extinguishing_agent")).toBe("Sand");
    const setAgent = (value: string) =>
      `update app.attribute_value set value_text = '${value}'
        where model_id = '${modelId}'::uuid
          and attribute_id = (select id from app.attribute_definition where key = 'label.extinguishing_agent')`;
    // Without its announcement (triggers off, as only a superuser can) the change stays unseen anonymously.
    await runAsAdmin(["begin", "set local session_replication_role = replica", setAgent("Powder"), "commit"]);
    const owner = async () => (await (await maker.request(`/passports/${publicId}`)).json()) as PublicPassport;
    expect(shownValue(await owner(), "label.extinguishing_agent")).toBe("Powder");
    // Past the model values' lifetime the passport read is still the one kept: only an announcement drops it.
    now += MODEL_VALUE_TTL_MS + 1;
    expect(shownValue((await readAnonymously()).body, "label.extinguishing_agent")).toBe("Sand");
    // Another process (a second api instance, a seed) changes the value: its commit is announced.
    await db.prisma.$executeRawUnsafe(setAgent("Foam"));
    expect(shownValue(await owner(), "label.extinguishing_agent")).toBe("Foam");
    await expect
      .poll(async () => shownValue((await readAnonymously()).body, "label.extinguishing_agent"), { timeout: 1_000 })
      .toBe("Foam");
  });

  it("answers anonymous readers with an entity tag, 304 when they hold it, gzip when they take it", async () => {
    const first = await app.request(`/api/v1/passports/${publicId}`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("vary")).toBe("cookie, accept-encoding");
    const json = await first.text();
    const again = await app.request(`/api/v1/passports/${publicId}`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const compressed = await app.request(`/api/v1/passports/${publicId}`, {
      headers: { "accept-encoding": "br, gzip;q=0.8" },
    });
    expect(compressed.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await compressed.arrayBuffer())).toString("utf8")).toBe(json);
    const refused = await app.request(`/api/v1/passports/${publicId}`, { headers: { "accept-encoding": "gzip;q=0" } });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toBe(json);
    // A signed-in reader's answer depends on their organization: never shared, never kept.
    const member = await maker.request(`/passports/${publicId}`);
    expect(member.headers.get("cache-control")).toBe("private, no-store");
    expect(member.headers.get("etag")).toBeNull();
  });

  it("reads the unit's own values fresh every time, also anonymously", async () => {
    await readAnonymously();
    const passportId = (await db.prisma.passport.findUniqueOrThrow({ where: { publicId } })).id;
    const operator = (identifier: string) => ({
      contactName: "Operator",
      identifier,
      postalAddress: { streetAddress: "Hauptstr. 1", postalCode: "10115", addressCountry: "DE" },
    });
    const write = (identifier: string) =>
      maker.request(`${org}/passports/${passportId}/attributes`, {
        method: "PATCH",
        body: { values: [{ key: "id.operator", value: operator(identifier) }] },
      });
    expect((await write("OPERATOR-1")).status).toBe(200);
    expect(shownValue((await readAnonymously()).body, "id.operator")).toEqual(operator("OPERATOR-1"));
    expect((await write("OPERATOR-2")).status).toBe(200);
    expect(shownValue((await readAnonymously()).body, "id.operator")).toEqual(operator("OPERATOR-2"));
  });

  it("answers 404 for an unknown public id and 422 for one that cannot be a public id", async () => {
    expect((await app.request("/api/v1/passports/unknownUnit01")).status).toBe(404);
    expect((await app.request("/api/v1/passports/bad!id")).status).toBe(422);
  });
});
