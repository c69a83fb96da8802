import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type PassportChange, PassportChangeFeed } from "./PassportChangeFeed.ts";
import { PublicReadCache } from "./PublicReadCache.ts";

const databaseUrl = inject("databaseUrl");
const logger = pino({ level: "silent" });
const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const feed = new PassportChangeFeed(databaseUrl, logger);
const seen: PassportChange[] = [];
feed.subscribe({ onChange: (change) => seen.push(change), onGap: () => undefined });

let tenantId: string;
let modelId: string;
let passportIds: string[];

beforeAll(async () => {
  await feed.start();
  tenantId = (
    await sql.query<{ id: string }>(
      `insert into app.organization (name, kind) values ('Cache Cells', 'MANUFACTURER') returning id`,
    )
  ).rows[0]!.id;
  modelId = (
    await sql.query<{ id: string }>(
      `insert into app.battery_model (tenant_id, model_code, name, battery_category)
       values ($1, 'CACHE-1', 'Cache model', 'LMT') returning id`,
      [tenantId],
    )
  ).rows[0]!.id;
  passportIds = (
    await sql.query<{ id: string }>(
      `insert into app.passport (tenant_id, model_id, public_id, serial_number)
       select $1, $2, 'cache' || lpad(n::text, 8, '0') || 'x', 'CACHE-' || n from generate_series(1, 10001) n
       returning id`,
      [tenantId, modelId],
    )
  ).rows.map((row) => row.id);
});
afterAll(async () => {
  await feed.stop();
  await sql.end();
});

const scopeOf = (passportId: string) => ({ passportId, modelId, tenantId });
const answer = (json: string) => ({ json, cacheControl: "public, max-age=60" });
const cacheOf = (maxBytes = 1 << 20) => new PublicReadCache(feed, { maxBytes, ttlMs: 60_000 });
/** The changes announced by what `write` commits (the barrier makes sure all have arrived). */
async function announcedBy(write: () => Promise<unknown>): Promise<PassportChange[]> {
  seen.length = 0;
  await write();
  await feed.barrier();
  return [...seen];
}
const attributeIdOf = (key: string) => `(select id from app.attribute_definition where key = '${key}')`;

describe("announcements of migration 011", () => {
  it("name the passport of a unit value, and the model of a model value", async () => {
    const passportId = passportIds[0]!;
    expect(
      await announcedBy(() =>
        sql.query(
          `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, passport_id, value_numeric)
           values ($1, ${attributeIdOf("perf.full_cycles")}, 'PASSPORT', $2, 3)`,
          [tenantId, passportId],
        ),
      ),
    ).toEqual([{ passports: [passportId] }]);
    expect(
      await announcedBy(() =>
        sql.query(
          `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, model_id, value_text)
           values ($1, ${attributeIdOf("mat.chemistry")}, 'MODEL', $2, 'LFP')`,
          [tenantId, modelId],
        ),
      ),
    ).toEqual([{ models: [modelId] }]);
    expect(
      await announcedBy(() => sql.query(`delete from app.attribute_value where model_id = $1`, [modelId])),
    ).toEqual([{ models: [modelId] }]);
  });

  it("name passports in messages of at most 150, and their tenant beyond 10,000", async () => {
    const some = passportIds.slice(0, 400);
    const changes = await announcedBy(() =>
      sql.query(`update app.passport set lifecycle_state = 'ORIGINAL' where id = any($1::uuid[])`, [some]),
    );
    expect(changes.map((change) => ("passports" in change ? change.passports.length : 0))).toEqual([150, 150, 100]);
    expect(new Set(changes.flatMap((change) => ("passports" in change ? change.passports : [])))).toEqual(
      new Set(some),
    );
    expect(
      await announcedBy(() =>
        sql.query(`update app.passport set lifecycle_state = 'ORIGINAL' where model_id = $1`, [modelId]),
      ),
    ).toEqual([{ tenants: [tenantId] }]);
  });

  it("name the model when it changes and the tenant when the organization does", async () => {
    expect(
      await announcedBy(() =>
        sql.query(`update app.battery_model set name = 'Cache model 2' where id = $1`, [modelId]),
      ),
    ).toEqual([{ models: [modelId] }]);
    expect(
      await announcedBy(() =>
        sql.query(`update app.organization set name = 'Cache Cells 2' where id = $1`, [tenantId]),
      ),
    ).toEqual([{ tenants: [tenantId] }]);
  });
});

describe("PublicReadCache", () => {
  it("serves what it kept until a change names its passport, model or tenant", async () => {
    const cache = cacheOf();
    const [first, second] = passportIds as [string, string];
    const keepBoth = async () => {
      await cache.keep("a", cache.ticket(), scopeOf(first), answer('{"a":1}'));
      await cache.keep("b", cache.ticket(), scopeOf(second), answer('{"b":2}'));
    };
    await keepBoth();
    const kept = cache.get("a")!;
    expect(gunzipSync(kept.gzip).toString()).toBe('{"a":1}');
    expect(kept.etag).toMatch(/^"[\w-]+"$/);

    await announcedBy(() => sql.query(`update app.passport set serial_number = serial_number where id = $1`, [first]));
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeDefined();

    await keepBoth();
    await announcedBy(() => sql.query(`update app.battery_model set name = name where id = $1`, [modelId]));
    expect([cache.get("a"), cache.get("b")]).toEqual([undefined, undefined]);

    await keepBoth();
    await announcedBy(() => sql.query(`update app.organization set name = name where id = $1`, [tenantId]));
    expect([cache.get("a"), cache.get("b")]).toEqual([undefined, undefined]);
  });

  it("does not keep a render read before a change to its scope, and keeps one read before another's", async () => {
    const cache = cacheOf();
    const [first, second] = passportIds as [string, string];
    const ticket = cache.ticket();
    // The change commits and arrives while the render (from data read before it) is under way.
    await announcedBy(() => sql.query(`update app.passport set serial_number = serial_number where id = $1`, [first]));
    const read = await cache.keep("stale", ticket, scopeOf(first), answer('{"stale":true}'));
    expect(gunzipSync(read.gzip).toString()).toBe('{"stale":true}');
    expect(cache.get("stale")).toBeUndefined();
    await cache.keep("other", ticket, scopeOf(second), answer('{"other":true}'));
    expect(cache.get("other")).toBeDefined();
  });

  it("holds no more bytes than it is given, dropping the least recently used", async () => {
    const cache = cacheOf(4_000);
    const noise = (seed: number) => JSON.stringify(Array.from({ length: 60 }, (_, i) => randomUUID() + seed + i));
    for (let index = 0; index < 10; index++)
      await cache.keep(`k${index}`, cache.ticket(), scopeOf(passportIds[index]!), answer(noise(index)));
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(10);
    expect(cache.get("k9")).toBeDefined();
    expect(cache.get("k0")).toBeUndefined();
  });

  it("serves and keeps nothing while its feed is down, and starts empty once it is back", async () => {
    const ownFeed = new PassportChangeFeed(databaseUrl, logger);
    await ownFeed.start();
    const cache = new PublicReadCache(ownFeed, { maxBytes: 1 << 20, ttlMs: 60_000 });
    await cache.keep("a", cache.ticket(), scopeOf(passportIds[0]!), answer("{}"));
    expect(cache.get("a")).toBeDefined();
    const ticket = cache.ticket();
    await ownFeed.stop();
    expect(cache.get("a")).toBeUndefined();
    await cache.keep("b", cache.ticket(), scopeOf(passportIds[1]!), answer("{}"));
    await ownFeed.start();
    expect(cache.size).toBe(0);
    await cache.keep("c", ticket, scopeOf(passportIds[2]!), answer("{}"));
    expect(cache.get("c")).toBeUndefined();
    await cache.keep("d", cache.ticket(), scopeOf(passportIds[3]!), answer("{}"));
    expect(cache.get("d")).toBeDefined();
    await ownFeed.stop();
  });

  it("keeps nothing when given no memory", async () => {
    const cache = cacheOf(0);
    await cache.keep("a", cache.ticket(), scopeOf(passportIds[0]!), answer("{}"));
    expect(cache.get("a")).toBeUndefined();
  });
});
