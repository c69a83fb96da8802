import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

const DOMAIN = "localhost:3000";

async function getNonce(): Promise<string> {
  const response = await app.request("/api/v1/auth/nonce");
  expect(response.status).toBe(200);
  return ((await response.json()) as { nonce: string }).nonce;
}

async function signedMessage(overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) {
  const account = privateKeyToAccount(generatePrivateKey());
  const message = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: DOMAIN,
    nonce: await getNonce(),
    uri: `http://${DOMAIN}`,
    version: "1",
    statement: "Sign in to A360 Exchange",
    ...overrides,
  });
  return { account, message, signature: await account.signMessage({ message }) };
}

function verify(body: { message: string; signature: string }) {
  return app.request("/api/v1/auth/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function sessionCookie(response: Response): string {
  const header = response.headers.get("set-cookie") ?? "";
  return header.split(";")[0] ?? "";
}

describe("POST /auth/verify", () => {
  it("signs in with a valid message and sets an http-only session cookie", async () => {
    const { account, message, signature } = await signedMessage();
    const response = await verify({ message, signature });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ address: account.address.toLowerCase(), chainId: 31337 });
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^a360_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a replayed message with 401", async () => {
    const signed = await signedMessage();
    expect((await verify(signed)).status).toBe(200);
    const replay = await verify(signed);
    expect(replay.status).toBe(401);
    expect(replay.headers.get("content-type")).toContain("application/problem+json");
    expect(await replay.json()).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("refuses an altered message with 401 and leaves its nonce usable", async () => {
    const { account, message, signature } = await signedMessage();
    const altered = message.replace("Sign in to A360 Exchange", "Sign in to A360 Exchange and pay");
    expect((await verify({ message: altered, signature })).status).toBe(401);
    expect((await verify({ message, signature })).status).toBe(200);
    expect(account.address).toBeTruthy();
  });

  it("refuses a message for another domain", async () => {
    const response = await verify(await signedMessage({ domain: "evil.example", uri: "https://evil.example" }));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain("evil.example");
  });

  it("refuses a message for an unsupported chain", async () => {
    const response = await verify(await signedMessage({ chainId: 1 }));
    expect(response.status).toBe(401);
  });

  it("refuses a nonce the server never issued", async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const message = createSiweMessage({
      address: account.address,
      chainId: 31337,
      domain: DOMAIN,
      nonce: "notissuedbyus1234",
      uri: `http://${DOMAIN}`,
      version: "1",
    });
    const response = await verify({ message, signature: await account.signMessage({ message }) });
    expect(response.status).toBe(401);
  });

  it("refuses an expired message", async () => {
    const response = await verify(await signedMessage({ expirationTime: new Date(Date.now() - 1000) }));
    expect(response.status).toBe(401);
  });

  it("answers a malformed body with a 422 problem", async () => {
    const response = await verify({ message: "", signature: "nothex" });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: unknown[] };
    expect(problem.errors.length).toBeGreaterThan(0);
  });
});

describe("GET /auth/session", () => {
  it("returns the session for its cookie", async () => {
    const signed = await signedMessage();
    const cookie = sessionCookie(await verify(signed));
    const response = await app.request("/api/v1/auth/session", { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ address: signed.account.address.toLowerCase() });
  });

  it("is 401 without a cookie", async () => {
    expect((await app.request("/api/v1/auth/session")).status).toBe(401);
  });

  it("is 401 with a forged cookie", async () => {
    const response = await app.request("/api/v1/auth/session", { headers: { cookie: "a360_session=forged" } });
    expect(response.status).toBe(401);
  });

  it("is 401 after logout", async () => {
    const cookie = sessionCookie(await verify(await signedMessage()));
    const logout = await app.request("/api/v1/auth/logout", { method: "POST", headers: { cookie } });
    expect(logout.status).toBe(204);
    expect((await app.request("/api/v1/auth/session", { headers: { cookie } })).status).toBe(401);
  });
});
