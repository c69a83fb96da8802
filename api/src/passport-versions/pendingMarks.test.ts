/**
 * The statement triggers on attribute values that mark passports pending (migrations 007 and 010):
 * a passport value marks that passport only, a model value every passport of that model, for
 * inserts, upserts, updates and deletes, also when one statement holds both kinds of rows.
 */

import { CompiledQuery } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

let context: Awaited<ReturnType<typeof createTestApp>>;
let maker: SignedInMember;
let modelA: string;
let modelB: string;
const passportsOfA: string[] = [];
let passportOfB: string;
let attributes: number[];

// Statements as a test writes them, against the tables the triggers watch.
const sql = <Row = unknown>(text: string, values: unknown[] = []) =>
  context.db.sql.executeQuery<Row>(CompiledQuery.raw(text, values));

async function pending(): Promise<string[]> {
  const { rows } = await sql<{ passport_id: string }>(
    "select passport_id from app.passport_version_pending where tenant_id = $1::uuid order by passport_id",
    [maker.organizationId],
  );
  return rows.map((row) => row.passport_id);
}

async function createModel(code: string) {
  const response = await maker.request(`/organizations/${maker.organizationId}/models`, {
    method: "POST",
    body: { modelCode: code, name: code, batteryCategory: "LMT", referenceCode: "LMT-VOL-48V-880" },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function createPassport(modelId: string, serialNumber: string) {
  const response = await maker.request(`/organizations/${maker.organizationId}/passports`, {
    method: "POST",
    body: { modelId, serialNumber, productionDate: "2026-03-01" },
  });
  expect(response.status).toBe(201);
  const { publicId } = (await response.json()) as { publicId: string };
  return (await context.db.prisma.passport.findUniqueOrThrow({ where: { publicId } })).id;
}

const sorted = (ids: string[]) => [...ids].sort();

beforeAll(async () => {
  context = await createTestApp();
  maker = await signInMember(context.app, context.db, "MANUFACTURER");
  modelA = await createModel("PM-A");
  modelB = await createModel("PM-B");
  for (const serial of ["SN-1", "SN-2", "SN-3"]) passportsOfA.push(await createPassport(modelA, serial));
  passportOfB = await createPassport(modelB, "SN-4");
  const { rows } = await sql<{ id: number }>(
    `select id from app.attribute_definition d
      where not exists (select 1 from app.attribute_value v where v.attribute_id = d.id
                         and (v.model_id = any($1::uuid[]) or v.passport_id = any($2::uuid[])))
      order by id limit 3`,
    [
      [modelA, modelB],
      [...passportsOfA, passportOfB],
    ],
  );
  attributes = rows.map((row) => row.id);
  expect(attributes).toHaveLength(3);
});

beforeEach(async () => {
  await sql("delete from app.passport_version_pending where tenant_id = $1::uuid", [maker.organizationId]);
});

afterAll(async () => {
  if (context) await closeDatabase(context.db);
});

const insertPassportValue = (passportId: string, attributeId: number, text: string) =>
  sql(
    `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, passport_id, value_text)
     values ($1::uuid, $2, 'PASSPORT', $3::uuid, $4)
     on conflict (passport_id, attribute_id) do update set value_text = excluded.value_text`,
    [maker.organizationId, attributeId, passportId, text],
  );

describe("pending marks from attribute values", () => {
  it("marks only the passport whose value was inserted, updated or deleted", async () => {
    await insertPassportValue(passportsOfA[0]!, attributes[0]!, "first");
    expect(await pending()).toEqual([passportsOfA[0]]);
    await sql("delete from app.passport_version_pending where tenant_id = $1::uuid", [maker.organizationId]);
    await insertPassportValue(passportsOfA[0]!, attributes[0]!, "upserted");
    expect(await pending()).toEqual([passportsOfA[0]]);
    await sql("delete from app.passport_version_pending where tenant_id = $1::uuid", [maker.organizationId]);
    await sql("update app.attribute_value set value_text = 'updated' where passport_id = $1::uuid", [passportsOfA[0]]);
    expect(await pending()).toEqual([passportsOfA[0]]);
    await sql("delete from app.passport_version_pending where tenant_id = $1::uuid", [maker.organizationId]);
    await sql("delete from app.attribute_value where passport_id = $1::uuid", [passportsOfA[0]]);
    expect(await pending()).toEqual([passportsOfA[0]]);
  });

  it("marks every passport of a model whose value was inserted, updated or deleted, and no other", async () => {
    await sql(
      `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, model_id, value_text)
       values ($1::uuid, $2, 'MODEL', $3::uuid, 'model value')`,
      [maker.organizationId, attributes[1], modelA],
    );
    expect(await pending()).toEqual(sorted(passportsOfA));
    await sql("delete from app.passport_version_pending where tenant_id = $1::uuid", [maker.organizationId]);
    await sql("update app.attribute_value set value_text = 'changed' where model_id = $1::uuid and attribute_id = $2", [
      modelA,
      attributes[1],
    ]);
    expect(await pending()).toEqual(sorted(passportsOfA));
    await sql("delete from app.passport_version_pending where tenant_id = $1::uuid", [maker.organizationId]);
    await sql("delete from app.attribute_value where model_id = $1::uuid and attribute_id = $2", [
      modelA,
      attributes[1],
    ]);
    expect(await pending()).toEqual(sorted(passportsOfA));
  });

  it("marks both kinds when one statement holds model and passport rows", async () => {
    await sql(
      `insert into app.attribute_value (tenant_id, attribute_id, holder_kind, model_id, passport_id, value_text)
       values ($1::uuid, $2, 'MODEL', $3::uuid, null, 'model'), ($1::uuid, $2, 'PASSPORT', null, $4::uuid, 'unit'),
              ($1::uuid, $5, 'PASSPORT', null, $4::uuid, 'unit')`,
      [maker.organizationId, attributes[2], modelA, passportOfB, attributes[0]],
    );
    expect(await pending()).toEqual(sorted([...passportsOfA, passportOfB]));
    await sql("delete from app.passport_version_pending where tenant_id = $1::uuid", [maker.organizationId]);
    await sql(
      "delete from app.attribute_value where attribute_id = any($1::int[]) and (model_id = $2::uuid or passport_id = $3::uuid)",
      [attributes, modelA, passportOfB],
    );
    expect(await pending()).toEqual(sorted([...passportsOfA, passportOfB]));
  });

  it("marks nothing when no row changed", async () => {
    await sql("update app.attribute_value set value_text = value_text where passport_id = $1::uuid", [passportOfB]);
    expect(await pending()).toEqual([]);
  });
});
