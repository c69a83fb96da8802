import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";
import { MAX_MODEL_IMPORT_BYTES } from "../models/modelRoutes.ts";
import { JSON_BODY_LIMIT_BYTES } from "./checkRequest.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

let maker: SignedInMember;
let org: string;
beforeAll(async () => {
  maker = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${maker.organizationId}`;
  await maker.request(`${org}/models`, {
    method: "POST",
    body: { modelCode: "CR-1", name: "Checked", batteryCategory: "LMT" },
  });
});

async function expectProblem(response: Response, status: number): Promise<{ code: string; detail: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { code: string; detail: string };
}

/** A body of `bytes` bytes sent in chunks with no Content-Length, as a client streaming it would. */
function chunkedBody(bytes: number, chunk = "a".repeat(64 * 1024), first = ""): ReadableStream<Uint8Array> {
  let sent = 0;
  const encoded = new TextEncoder().encode(chunk);
  return new ReadableStream({
    start(controller) {
      if (first) controller.enqueue(new TextEncoder().encode(first));
    },
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(encoded);
      sent += encoded.byteLength;
    },
  });
}

const modelCount = () => db.prisma.batteryModel.count({ where: { tenantId: maker.organizationId } });
const passportCount = () => db.prisma.passport.count({ where: { tenantId: maker.organizationId } });

describe("request body limits", () => {
  it("refuses 5 MB of JSON to the anonymous sign-in with a 413 problem, from its Content-Length", async () => {
    const body = JSON.stringify({ message: "m".repeat(5 * 1024 * 1024), signature: "0x00" });
    const problem = await expectProblem(
      await app.request("/api/v1/auth/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }),
      413,
    );
    expect(problem.code).toBe("payload_too_large");
  });

  it("cuts off a chunked JSON body at the limit instead of reading it all", async () => {
    const response = await app.request("/api/v1/auth/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunkedBody(JSON_BODY_LIMIT_BYTES * 4),
      duplex: "half",
    } as RequestInit);
    await expectProblem(response, 413);
  });

  it("cuts off a chunked CSV import at the import limit and stores nothing", async () => {
    const before = await modelCount();
    // Rows of 2,000 bytes: the file passes the byte limit before the row limit.
    const rows = `M-${"x".repeat(1980)},Name,LMT\n`.repeat(32);
    const response = await app.request(`/api/v1${org}/models/import`, {
      method: "POST",
      headers: { "content-type": "text/csv", cookie: maker.cookie },
      body: chunkedBody(MAX_MODEL_IMPORT_BYTES + 1024 * 1024, rows, "model_code,name,battery_category\n"),
      duplex: "half",
    } as RequestInit);
    const problem = await expectProblem(response, 413);
    expect(problem.detail).toContain(String(MAX_MODEL_IMPORT_BYTES));
    expect(await modelCount()).toBe(before);
  });

  it("refuses a CSV record larger than 1 MiB (no line break) with a 422 problem", async () => {
    const body = `public_id,model_code,serial_number\n,CR-1,${"x".repeat(1024 * 1024 + 10)}\n`;
    await expectProblem(
      await maker.request(`${org}/passports/import`, { method: "POST", headers: { "content-type": "text/csv" }, body }),
      422,
    );
  });
});

describe("request media types", () => {
  it("refuses a CSV import sent as another type with 415 (a form post from another site)", async () => {
    const before = await passportCount();
    const problem = await expectProblem(
      await maker.request(`${org}/passports/import`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "public_id,model_code,serial_number\n,CR-1,SN-PLAIN\n",
      }),
      415,
    );
    expect(problem.detail).toContain("text/csv");
    expect(await passportCount()).toBe(before);
  });

  it("refuses JSON sent as text/plain with 415, not a 500", async () => {
    await expectProblem(
      await app.request("/api/v1/auth/verify", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ message: "m", signature: "0x00" }),
      }),
      415,
    );
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const problem = await expectProblem(
      await app.request("/api/v1/auth/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"message": "m", ',
      }),
      400,
    );
    expect(problem.detail).toContain("not valid JSON");
  });
});

describe("NUL bytes", () => {
  it("refuses a NUL character in JSON text with a 400 problem and stores nothing", async () => {
    const before = await passportCount();
    await expectProblem(
      await maker.request(`${org}/models`, {
        method: "POST",
        body: { modelCode: "NUL\u0000", name: "x", batteryCategory: "LMT" },
      }),
      400,
    );
    expect(await passportCount()).toBe(before);
  });

  it("refuses a NUL byte in the URL with a 400 problem", async () => {
    await expectProblem(await app.request("/api/v1/passports/abc%00defgh"), 400);
  });

  it("refuses a NUL byte in a CSV cell with a 422 problem", async () => {
    await expectProblem(
      await maker.request(`${org}/passports/import`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: "public_id,model_code,serial_number\n,CR-1,SN\u0000X\n",
      }),
      422,
    );
  });
});
