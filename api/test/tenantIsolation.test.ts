/**
 * Walks every route of the OpenAPI document as a member of another tenant and expects 403/404,
 * never the victim's data. Requests are built from the document (path parameters by name, bodies
 * from the schema examples), so a new route is covered as soon as it is documented.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "../src/database/Database.ts";
import { createServiceRowsOf } from "./serviceFixture.ts";
import { requestWithCookie, type SignedInMember, signInMember } from "./signInMember.ts";
import { createTestApp } from "./testApp.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

/** Routes anyone may call; everything else must refuse another tenant. */
const PUBLIC_ROUTES = new Set([
  "GET /health",
  "GET /auth/nonce",
  "POST /auth/verify",
  "GET /auth/session",
  "POST /auth/logout",
  "GET /attribute-definitions",
  "GET /reference-batteries",
  "GET /reference-batteries/{code}",
  "GET /passports/{publicId}",
  "GET /passports/{publicId}/battery-pass",
  "GET /protocol",
  "GET /market/listings",
  "GET /market/units",
  "GET /market/units/{unitId}",
  "GET /public/passports/{publicId}",
  "GET /public/passports/{publicId}/qr.svg",
  "GET /public/passports/{publicId}/qr.png",
  "POST /auth/telegram",
  "GET /exchange/a360.exchange.v1.schema.json",
  "GET /service-centres",
  "GET /service-centres/{organizationId}/availability",
  "GET /service-centres/{organizationId}/reviews",
  "GET /service-centres/{organizationId}/trust",
  "GET /label-layouts",
]);

/** Routes that answer the caller's own data whoever calls them; they must show nothing of another's. */
const OWN_DATA_ROUTES = new Set([
  "GET /garage",
  "GET /garage/appointments",
  "GET /notifications",
  "POST /garage/imports",
  "GET /organizations",
  "POST /organizations",
  "GET /invitations",
  "GET /community-memberships",
]);

/** Routes that change only the caller's own account; with the examples' bad credentials they refuse. */
const OWN_ACCOUNT_ROUTES = new Set(["POST /auth/telegram/link", "POST /auth/wallet/link"]);

interface Operation {
  security?: Array<Record<string, string[]>>;
  requestBody?: { content: Record<string, { schema: { $ref?: string; example?: unknown } }> };
  parameters?: Array<{ in: string; name: string; required?: boolean }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { example?: unknown }> };
}

let document: OpenApiDocument;
let victim: SignedInMember;
let attacker: SignedInMember;
const ids: Record<string, string> = {};
let victimSecrets: string[];
let attackerApiKey: string;
let victimCentreId: string;
let attackerCentreId: string;
let attackerFullKey: string;

beforeAll(async () => {
  document = (await (await app.request("/api/v1/openapi.json")).json()) as OpenApiDocument;
  victim = await signInMember(app, db, "MANUFACTURER");
  attacker = await signInMember(app, db, "MANUFACTURER");
  const model = await victim.request(`/organizations/${victim.organizationId}/models`, {
    method: "POST",
    body: {
      modelCode: "VICTIM-MODEL-7",
      name: "Victim secret model",
      batteryCategory: "LMT",
      referenceCode: "LMT-PED-48V-936",
    },
  });
  ids.modelId = ((await model.json()) as { id: string }).id;
  const passport = await victim.request(`/organizations/${victim.organizationId}/passports`, {
    method: "POST",
    body: { modelId: ids.modelId, serialNumber: "VICTIM-SERIAL-42" },
  });
  const created = (await passport.json()) as { id: string; publicId: string };
  ids.passportId = created.id;
  ids.publicId = created.publicId;
  const key = await victim.request(`/organizations/${victim.organizationId}/api-keys`, {
    method: "POST",
    body: { name: "victim key" },
  });
  ids.apiKeyId = ((await key.json()) as { id: string }).id;
  const batch = await victim.request(`/organizations/${victim.organizationId}/passport-batches`, { method: "POST" });
  ids.batchId = ((await batch.json()) as { id: string }).id;
  ids.address = victim.address;
  ids.userId = victim.userId;
  const invitation = await victim.request(`/organizations/${victim.organizationId}/invitations`, {
    method: "POST",
    body: { address: `0x${"5".repeat(40)}`, role: "EDITOR" },
  });
  ids.invitationId = ((await invitation.json()) as { id: string }).id;
  const importJob = await db.prisma.importJob.create({
    data: {
      tenantId: victim.organizationId,
      kind: "PASSPORTS",
      fileName: "victim.csv",
      totalBytes: 0,
      status: "SUCCEEDED",
    },
  });
  ids.importJobId = importJob.id;
  ids.code = "LMT-PED-48V-936";
  const attackerKey = await attacker.request(`/organizations/${attacker.organizationId}/api-keys`, {
    method: "POST",
    body: { name: "attacker key" },
  });
  attackerApiKey = ((await attackerKey.json()) as { key: string }).key;
  const service = await createServiceRowsOf(db, ids.passportId, victim.userId);
  victimCentreId = service.centreId;
  const attackerModel = await attacker.request(`/organizations/${attacker.organizationId}/models`, {
    method: "POST",
    body: { modelCode: "ATTACKER-MODEL", name: "Attacker model", batteryCategory: "LMT" },
  });
  const attackerPassport = await attacker.request(`/organizations/${attacker.organizationId}/passports`, {
    method: "POST",
    body: { modelId: ((await attackerModel.json()) as { id: string }).id, serialNumber: "ATTACKER-1" },
  });
  const attackerCentre = await createServiceRowsOf(
    db,
    ((await attackerPassport.json()) as { id: string }).id,
    attacker.userId,
  );
  attackerCentreId = attackerCentre.centreId;
  Object.assign(ids, service.ids);
  // An energy community of the victim's with a member, made directly: the victim is a manufacturer.
  const community = await db.prisma.community.create({
    data: {
      tenantId: victim.organizationId,
      key: "victim_rec",
      name: "Victim energy community",
      areas: [{ key: "victim-area", name: "Victim area", topology: [] }],
    },
  });
  ids.communityId = community.id;
  ids.areaKey = "victim-area";
  const communityMember = await db.prisma.communityMember.create({
    data: {
      tenantId: victim.organizationId,
      communityId: community.id,
      key: "M-000001",
      name: "Victim community member",
      role: "PROSUMER",
      userId: victim.userId,
    },
  });
  ids.memberId = communityMember.id;
  const deliveryPoint = await db.prisma.deliveryPoint.create({
    data: {
      tenantId: victim.organizationId,
      communityId: community.id,
      memberId: communityMember.id,
      code: "IT999E99999999",
      type: "EXCHANGE",
    },
  });
  ids.deliveryPointId = deliveryPoint.id;
  const asset = await db.prisma.energyAsset.create({
    data: {
      tenantId: victim.organizationId,
      communityId: community.id,
      ownerId: communityMember.id,
      key: "victim-pv",
      type: "PV",
      name: "Victim rooftop",
      properties: { capacityKwp: 5 },
    },
  });
  ids.assetId = asset.id;
  victimSecrets = [
    "VICTIM-MODEL-7",
    "Victim secret model",
    "VICTIM-SERIAL-42",
    ids.passportId,
    ids.modelId,
    ...service.secrets,
    "Victim energy community",
    "Victim community member",
    "Victim rooftop",
    "IT999E99999999",
  ];
  const fullKey = await attacker.request(`/organizations/${attacker.organizationId}/api-keys`, {
    method: "POST",
    body: { name: "attacker machine", scopes: ["read", "models:write", "passports:write", "readings:write"] },
  });
  attackerFullKey = ((await fullKey.json()) as { key: string }).key;
});

function getOperations() {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );
}

function getExampleBody(operation: Operation, route: string): { body: string; contentType: string } | undefined {
  const content = operation.requestBody?.content;
  if (!content) return undefined;
  const [contentType, media] = Object.entries(content)[0]!;
  const schema = media.schema.$ref ? document.components.schemas[media.schema.$ref.split("/").at(-1)!] : media.schema;
  if (schema?.example === undefined) throw new Error(`${route} needs a request body example for the isolation test`);
  if (contentType === "text/csv") return { body: String(schema.example), contentType };
  // Point every reference in the body at the victim's rows.
  const example = structuredClone(schema.example) as Record<string, unknown>;
  if ("modelId" in example) example.modelId = ids.modelId;
  if (Array.isArray(example.passportIds)) example.passportIds = [ids.passportId];
  if ("importJobId" in example) example.importJobId = ids.importJobId;
  if (Array.isArray(example.readings)) {
    example.readings = (example.readings as Array<Record<string, unknown>>).map((reading) => ({
      ...reading,
      publicId: ids.publicId,
    }));
  }
  return { body: JSON.stringify(example), contentType };
}

function fillPath(path: string, organizationId: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "organizationId") return organizationId;
    const value = ids[name];
    if (!value) throw new Error(`no test value for path parameter ${name} of ${path}`);
    return value;
  });
}

async function call(
  operation: Operation,
  route: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const body = getExampleBody(operation, route);
  const requiredHeaders = Object.fromEntries(
    (operation.parameters ?? [])
      .filter((parameter) => parameter.in === "header")
      .map((parameter) => [parameter.name, `isolation-${Date.now()}`]),
  );
  const response = await requestWithCookie(app, undefined)(path, {
    method,
    headers: { ...headers, ...requiredHeaders, ...(body ? { "content-type": body.contentType } : {}) },
    body: body?.body,
  });
  // A problem's `instance` echoes the caller's own request path; only the rest could leak.
  return { status: response.status, text: (await response.text()).replaceAll(`/api/v1${path}`, "") };
}

function expectNoVictimData(text: string) {
  for (const secret of victimSecrets) expect(text).not.toContain(secret);
}

describe("tenant isolation over every documented route", () => {
  it("has only the known public routes without a tenant check", () => {
    const unsecured = getOperations()
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ path, method }) => `${method} ${path}`);
    for (const route of unsecured) expect(PUBLIC_ROUTES).toContain(route);
  });

  it("refuses another tenant's organization in the path with 403", async () => {
    const checked: string[] = [];
    for (const { path, method, operation } of getOperations()) {
      const route = `${method} ${path}`;
      if (PUBLIC_ROUTES.has(route) || !path.includes("{organizationId}")) continue;
      const result = await call(operation, route, method, fillPath(path, victim.organizationId), {
        cookie: attacker.cookie,
      });
      expect({ route, status: result.status }).toEqual({ route, status: 403 });
      expectNoVictimData(result.text);
      checked.push(route);
    }
    expect(checked.length).toBeGreaterThan(15);
  });

  it("refuses another tenant's API key, whatever its scopes, on every route machines may call", async () => {
    const checked: string[] = [];
    for (const { path, method, operation } of getOperations()) {
      const route = `${method} ${path}`;
      const usesApiKey = operation.security?.some((requirement) => "apiKey" in requirement);
      if (PUBLIC_ROUTES.has(route) || !usesApiKey || !path.includes("{organizationId}")) continue;
      const result = await call(operation, route, method, fillPath(path, victim.organizationId), {
        authorization: `Bearer ${attackerFullKey}`,
      });
      expect({ route, status: result.status }).toEqual({ route, status: 403 });
      expectNoVictimData(result.text);
      checked.push(route);
    }
    expect(checked.length).toBeGreaterThan(10);
  });

  it("answers 404 for another tenant's ids under the caller's own organization", async () => {
    for (const { path, method, operation } of getOperations()) {
      const route = `${method} ${path}`;
      if (PUBLIC_ROUTES.has(route) || !path.includes("{organizationId}")) continue;
      const referencesVictim =
        /\{(modelId|passportId|apiKeyId|invitationId|importJobId|communityId)\}|\/members\/\{userId\}/.test(path) ||
        /modelId|passportIds/.test(JSON.stringify(operation.requestBody ?? {}));
      if (!referencesVictim) continue;
      const result = await call(operation, route, method, fillPath(path, attacker.organizationId), {
        cookie: attacker.cookie,
      });
      expect({ route, status: result.status }).toEqual({ route, status: 404 });
      expectNoVictimData(result.text);
    }
  });

  it("refuses a service centre's routes for another centre, and another centre's ids under the caller's own with 404", async () => {
    const checked: string[] = [];
    for (const { path, method, operation } of getOperations()) {
      const route = `${method} ${path}`;
      if (PUBLIC_ROUTES.has(route) || !path.startsWith("/organizations/{organizationId}/service/")) continue;
      const foreign = await call(operation, route, method, fillPath(path, victimCentreId), { cookie: attacker.cookie });
      expect({ route, status: foreign.status }).toEqual({ route, status: 403 });
      expectNoVictimData(foreign.text);
      if (!/\{(itemId|userId|appointmentId|workOrderId|lineId|reviewId)\}/.test(path)) continue;
      const own = await call(operation, route, method, fillPath(path, attackerCentreId), { cookie: attacker.cookie });
      expect({ route, status: own.status }).toEqual({ route, status: 404 });
      expectNoVictimData(own.text);
      checked.push(route);
    }
    expect(checked.length).toBeGreaterThan(10);
  });

  it("refuses every tenant route without a session with 401", async () => {
    for (const { path, method, operation } of getOperations()) {
      const route = `${method} ${path}`;
      if (PUBLIC_ROUTES.has(route) || !operation.security?.some((requirement) => "session" in requirement)) continue;
      const result = await call(operation, route, method, fillPath(path, victim.organizationId), {});
      expect({ route, status: result.status }).toEqual({ route, status: 401 });
    }
  });

  it("refuses routes outside an organization (accounts, API-key routes) for another tenant's data", async () => {
    for (const { path, method, operation } of getOperations()) {
      const route = `${method} ${path}`;
      if (PUBLIC_ROUTES.has(route) || path.includes("{organizationId}")) continue;
      const usesApiKey = operation.security?.some((requirement) => "apiKey" in requirement);
      const headers: Record<string, string> = usesApiKey
        ? { authorization: `Bearer ${attackerApiKey}` }
        : { cookie: attacker.cookie };
      const result = await call(operation, route, method, fillPath(path, attacker.organizationId), headers);
      if (OWN_ACCOUNT_ROUTES.has(route)) {
        expect({ route, refused: [401, 404, 422].includes(result.status) }).toEqual({ route, refused: true });
        continue;
      }
      if (OWN_DATA_ROUTES.has(route)) {
        expect({ route, ok: [200, 201].includes(result.status) }).toEqual({ route, ok: true });
        expectNoVictimData(result.text);
        continue;
      }
      // An ingest naming another tenant's unit is a bad batch (422), refused whole.
      expect({ route, refused: [403, 404, ...(usesApiKey ? [422] : [])].includes(result.status) }).toEqual({
        route,
        refused: true,
      });
      expectNoVictimData(result.text);
    }
    expect(await db.prisma.reading.count({ where: { passportId: ids.passportId } })).toBe(0);
  });

  it("shows the anonymous public read only public attributes", async () => {
    const response = await app.request(`/api/v1/passports/${ids.publicId}`);
    const passport = (await response.json()) as { readerAccess: string; attributes: Array<{ access: string }> };
    expect(passport.readerAccess).toBe("PUBLIC");
    expect(passport.attributes.every((attribute) => attribute.access === "PUBLIC")).toBe(true);
  });

  it("gives a Battery Pass export the same reader access as the passport read: never the owner's view to another tenant", async () => {
    type Export = { passport: { readerAccess: string } };
    const exportAccess = async (response: Response | Promise<Response>) =>
      ((await (await response).json()) as Export).passport.readerAccess;
    const passportAccess = async (response: Response | Promise<Response>) =>
      ((await (await response).json()) as { readerAccess: string }).readerAccess;

    const attackerAccess = await exportAccess(attacker.request(`/passports/${ids.publicId}/battery-pass`));
    expect(attackerAccess).not.toBe("FULL");
    expect(attackerAccess).toBe(await passportAccess(attacker.request(`/passports/${ids.publicId}`)));
    expect(await exportAccess(app.request(`/api/v1/passports/${ids.publicId}/battery-pass`))).toBe("PUBLIC");
    expect(await exportAccess(victim.request(`/passports/${ids.publicId}/battery-pass`))).toBe("FULL");
  });
});
