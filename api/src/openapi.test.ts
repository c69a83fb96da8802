import { afterAll, expect, it } from "vitest";
import { createTestApp } from "../test/testApp.ts";
import { closeDatabase } from "./database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

it("serves an OpenAPI 3.1 document listing every route", async () => {
  const response = await app.request("/api/v1/openapi.json");
  expect(response.status).toBe(200);
  const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining(["/health", "/auth/nonce", "/auth/verify", "/auth/session", "/accounts/{address}"]),
  );
});

it("serves a browsable docs page", async () => {
  const response = await app.request("/api/v1/docs");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
});

it("answers an unknown route with a 404 problem", async () => {
  const response = await app.request("/api/v1/nowhere");
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
});
