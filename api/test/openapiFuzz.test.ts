/**
 * Property-based fuzzing of every route in the OpenAPI document: generated requests, mostly shaped
 * like the schema and often not, anonymous and signed in, against a tenant's real ids and another
 * tenant's. No answer may be a 5xx (a 503 from an absent dependency aside), and a refused request
 * (4xx) may change nothing of either tenant's data. The cases are bounded so it runs in CI.
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase } from "../src/database/Database.ts";
import { type SignedInMember, signInMember } from "./signInMember.ts";
import { createTestApp } from "./testApp.ts";

// A chain that is not there: routes that need it answer 503, which is allowed below.
const { app, db } = await createTestApp({ CHAIN_RPC_URL: "http://127.0.0.1:9" });
afterAll(async () => {
  await admin?.end();
  await closeDatabase(db);
});

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 12);

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: "path" | "query" | "header"; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

let document: Document;
let owner: SignedInMember;
let stranger: SignedInMember;
let ids: Record<string, string[]>;

beforeAll(async () => {
  document = (await (await app.request("/api/v1/openapi.json")).json()) as Document;
  owner = await signInMember(app, db, "MANUFACTURER");
  stranger = await signInMember(app, db, "MANUFACTURER");
  const tenants = [owner, stranger];
  const models: string[] = [];
  const passports: string[] = [];
  const publicIds: string[] = [];
  for (const member of tenants) {
    const org = `/organizations/${member.organizationId}`;
    const model = (await (
      await member.request(`${org}/models`, {
        method: "POST",
        body: { modelCode: "FZ-1", name: "Fuzz", batteryCategory: "LMT" },
      })
    ).json()) as { id: string };
    const passport = (await (
      await member.request(`${org}/passports`, { method: "POST", body: { modelId: model.id, serialNumber: "FZ-SN" } })
    ).json()) as { id: string; publicId: string };
    models.push(model.id);
    passports.push(passport.id);
    publicIds.push(passport.publicId);
  }
  ids = {
    organizationId: tenants.map((member) => member.organizationId),
    modelId: models,
    passportId: passports,
    publicId: publicIds,
    address: tenants.map((member) => member.address),
  };
  await prepareFingerprint();
});

let admin: pg.Client;
let fingerprintQuery: string;

/** Every row of both tenants, as counts and the newest row versions of each tenant-owned table. */
async function fingerprint(): Promise<string> {
  const { rows } = await admin.query<{ print: string }>(fingerprintQuery, [ids.organizationId]);
  return rows[0]!.print;
}

async function prepareFingerprint(): Promise<void> {
  admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
  const { rows: tables } = await admin.query<{ table_name: string }>(
    `select table_name from information_schema.columns
      where table_schema = 'app' and column_name = 'tenant_id' order by table_name`,
  );
  const parts = tables.map(
    ({ table_name }) =>
      `(select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from app."${table_name}" where tenant_id = any($1::uuid[]))`,
  );
  parts.push(
    "(select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from app.organization where id = any($1::uuid[]))",
    "(select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from app.membership where organization_id = any($1::uuid[]))",
  );
  fingerprintQuery = `select concat_ws('|', ${parts.join(", ")}) as print`;
}

function resolve(schema: Schema | undefined): Schema {
  let current = schema ?? {};
  while (current.$ref) current = document.components?.schemas?.[current.$ref.split("/").pop()!] ?? {};
  return current;
}

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", "\u0000", "%00", "2026-02-30", "99999999999", "-1", "1e300", "../../etc", "null", "0x", "😀"),
  fc.string({ unit: "binary", maxLength: 20 }),
);

/** Values shaped like the schema, with hostile ones mixed in at every level. */
function arbitraryOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema);
  const alternatives = resolved.anyOf ?? resolved.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => arbitraryOf(alternative, depth)));
  if (resolved.allOf) return arbitraryOf(resolved.allOf[0], depth);
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== "null") : resolved.type;
  let shaped: fc.Arbitrary<unknown>;
  if (resolved.enum) shaped = fc.constantFrom(...resolved.enum);
  else if (type === "integer")
    shaped = fc.oneof(fc.integer({ min: resolved.minimum ?? -10, max: resolved.maximum ?? 1000 }), fc.integer());
  else if (type === "number")
    shaped = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1e300));
  else if (type === "boolean") shaped = fc.boolean();
  else if (type === "array")
    shaped = depth > 3 ? fc.constant([]) : fc.array(arbitraryOf(resolved.items, depth + 1), { maxLength: 3 });
  else if (type === "object" || resolved.properties) {
    const properties = resolved.properties ?? {};
    const required = new Set(resolved.required ?? []);
    shaped =
      depth > 3
        ? fc.constant({})
        : fc.record(
            Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, arbitraryOf(value, depth + 1)])),
            { requiredKeys: [...required].filter((key) => key in properties) },
          );
  } else if (resolved.format === "uuid") shaped = fc.oneof(fc.uuid(), fc.constantFrom(...Object.values(ids).flat()));
  else if (resolved.format === "date") shaped = fc.constantFrom("2026-01-31", "2026-02-30", "1969-12-31", "9999-12-31");
  else if (resolved.format === "date-time")
    shaped = fc.constantFrom("2026-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "1900-01-01T00:00:00+00:00");
  else shaped = fc.string({ maxLength: resolved.maxLength ?? 30 });
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: hostile },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/**
 * A generated value as a query parameter's text. Objects go as JSON: String() throws on a generated
 * object such as `{ "toString": 0 }` ("Cannot convert object to primitive value"), failing the run
 * on some seeds for a reason that is the harness's, not the api's.
 */
function toQueryValue(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

function pathValue(name: string): fc.Arbitrary<string> {
  const real = ids[name];
  return fc.oneof(
    { weight: 3, arbitrary: real ? fc.constantFrom(...real) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: hostile.map(String) },
  );
}

const csvBody = fc
  .array(
    fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("FZ-1", "2026-02-30", "\u0000", '"', "1e300")), {
      maxLength: 5,
    }),
    {
      maxLength: 6,
    },
  )
  .map((rows) =>
    ["public_id,model_code,serial_number,production_date", ...rows.map((row) => row.join(","))].join("\n"),
  );

interface FuzzRequest {
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | undefined;
  who: "anonymous" | "owner" | "stranger";
}

function requestOf(template: string, method: string, operation: Operation): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((parameter) => parameter.in === "path");
  const queryParameters = parameters.filter((parameter) => parameter.in === "query");
  const headerParameters = parameters.filter((parameter) => parameter.in === "header");
  const content = operation.requestBody?.content ?? {};
  const mediaTypes = Object.keys(content);
  const body: fc.Arbitrary<{ type: string; text: string } | undefined> =
    mediaTypes.length === 0
      ? fc.constant(undefined)
      : fc.constantFrom(...mediaTypes).chain((type) =>
          fc
            .tuple(
              fc.oneof(
                { weight: 5, arbitrary: fc.constant(type) },
                { weight: 1, arbitrary: fc.constantFrom("text/plain", "application/json", "text/csv", "") },
              ),
              type === "text/csv"
                ? csvBody
                : fc.oneof(
                    {
                      weight: 5,
                      arbitrary: arbitraryOf(content[type]!.schema).map((value) => JSON.stringify(value) ?? "null"),
                    },
                    { weight: 1, arbitrary: fc.constantFrom('{"a":', "\u0000", "[]", '{"x":"\\u0000"}') },
                  ),
            )
            .map(([sentType, text]) => ({ type: sentType, text })),
        );
  return fc
    .record({
      path: fc
        .tuple(...pathParameters.map((parameter) => pathValue(parameter.name)))
        .map((values) =>
          pathParameters.reduce(
            (path, parameter, index) => path.replace(`{${parameter.name}}`, encodeURIComponent(values[index]!)),
            template,
          ),
        ),
      query: fc
        .tuple(...queryParameters.map((parameter) => fc.option(arbitraryOf(parameter.schema), { nil: undefined })))
        .map((values) => {
          const search = new URLSearchParams();
          queryParameters.forEach((parameter, index) => {
            if (values[index] !== undefined) search.set(parameter.name, toQueryValue(values[index]));
          });
          return search.size > 0 ? `?${search}` : "";
        }),
      headerValues: fc.tuple(...headerParameters.map(() => fc.option(hostile.map(String), { nil: undefined }))),
      body,
      who: fc.constantFrom("anonymous", "owner", "stranger"),
    })
    .map(({ path, query, headerValues, body: generated, who }) => {
      const headers: Record<string, string> = {};
      headerParameters.forEach((parameter, index) => {
        const value = headerValues[index];
        if (value !== undefined && /^[\t\x20-\x7e]*$/.test(value)) headers[parameter.name] = value;
      });
      if (generated?.type) headers["content-type"] = generated.type;
      if (who !== "anonymous") headers.cookie = (who === "owner" ? owner : stranger).cookie;
      return { path, query, headers, body: method === "get" ? undefined : generated?.text, who };
    });
}

describe("every route of the OpenAPI document, fuzzed", () => {
  it("lists the routes it fuzzes (the document is not empty)", () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(30);
  });

  it("never answers 5xx, and a refused request changes nothing", async () => {
    const failures: string[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        await fc
          .assert(
            fc.asyncProperty(requestOf(template, method, operation), async (request) => {
              const before = method === "get" ? "" : await fingerprint();
              const response = await app.request(`/api/v1${request.path}${request.query}`, {
                method: method.toUpperCase(),
                headers: request.headers,
                body: request.body,
              });
              const text = await response.text();
              const dependencyDown = response.status === 503 && text.includes('"unavailable"');
              if (response.status >= 500 && !dependencyDown) {
                failures.push(
                  `${method.toUpperCase()} ${request.path}${request.query} as ${request.who} → ${response.status}`,
                );
                return false;
              }
              if (response.status >= 400 && method !== "get" && (await fingerprint()) !== before) {
                failures.push(
                  `${method.toUpperCase()} ${request.path} as ${request.who} → ${response.status} but changed data`,
                );
                return false;
              }
              return true;
            }),
            {
              numRuns: RUNS_PER_ROUTE,
              seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
              endOnFailure: true,
            },
          )
          .catch((error: Error) => failures.push(error.message.split("\n").slice(0, 6).join("\n")));
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
