import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

// A chain node that counts what reaches it: a refused sign-in must not cost it a call.
let rpcCalls = 0;
const node = createServer((request, response) => {
  rpcCalls++;
  request.resume();
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: -32000, message: "no" } }));
});
node.listen(0, "127.0.0.1");
await once(node, "listening");
const rpcUrl = `http://127.0.0.1:${(node.address() as AddressInfo).port}`;

const { app, db } = await createTestApp({ CHAIN_RPC_URL: rpcUrl });
const secure = await createTestApp({ CHAIN_RPC_URL: rpcUrl, SESSION_COOKIE_SECURE: "true" });
afterAll(async () => {
  node.close();
  await closeDatabase(db);
  await closeDatabase(secure.db);
});

const DOMAIN = "localhost:3000";
async function message(overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) {
  const account = privateKeyToAccount(generatePrivateKey());
  const { nonce } = (await (await app.request("/api/v1/auth/nonce")).json()) as { nonce: string };
  const text = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: DOMAIN,
    nonce,
    uri: `http://${DOMAIN}`,
    version: "1",
    issuedAt: new Date(),
    ...overrides,
  });
  return { account, text, signature: await account.signMessage({ message: text }) };
}
const verify = (target: typeof app, body: { message: string; signature: string }) =>
  target.request("/api/v1/auth/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("sign-in before the chain is asked", () => {
  it("refuses a signature longer than any wallet's with 422, without calling the chain", async () => {
    const { text } = await message();
    const before = rpcCalls;
    const response = await verify(app, { message: text, signature: `0x${"ab".repeat(9000)}` });
    expect(response.status).toBe(422);
    expect(rpcCalls).toBe(before);
  });

  it("refuses a contract-wallet signature for a nonce never issued with 401, without calling the chain", async () => {
    const { text } = await message({ nonce: "neverIssuedNonce1" });
    const before = rpcCalls;
    const response = await verify(app, { message: text, signature: `0x${"ab".repeat(200)}` });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain("nonce");
    expect(rpcCalls).toBe(before);
  });

  it("asks the chain only for a message that could sign someone in (the comparison is not vacuous)", async () => {
    const { text } = await message();
    const before = rpcCalls;
    expect((await verify(app, { message: text, signature: `0x${"ab".repeat(200)}` })).status).toBe(401);
    expect(rpcCalls).toBeGreaterThan(before);
  });

  it("refuses a message whose uri is on another site", async () => {
    const { text, signature } = await message({ uri: "https://evil.example/login" });
    const response = await verify(app, { message: text, signature });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toContain("evil.example");
  });

  it("refuses a message issued an hour ago", async () => {
    const { text, signature } = await message({ issuedAt: new Date(Date.now() - 3_600_000) });
    expect((await verify(app, { message: text, signature })).status).toBe(401);
  });

  it("refuses a message issued in the future", async () => {
    const { text, signature } = await message({ issuedAt: new Date(Date.now() + 3_600_000) });
    expect((await verify(app, { message: text, signature })).status).toBe(401);
  });
});

describe("the session cookie over https", () => {
  it("is Secure and __Host- prefixed, with no Domain, and signs the reader in", async () => {
    const { text, signature } = await message();
    const response = await verify(secure.app, { message: text, signature });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^__Host-a360_session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    const cookie = setCookie.split(";")[0]!;
    expect((await secure.app.request("/api/v1/auth/session", { headers: { cookie } })).status).toBe(200);
    // The unprefixed name, which a sibling subdomain could set, is not read.
    const unprefixed = cookie.replace("__Host-", "");
    expect((await secure.app.request("/api/v1/auth/session", { headers: { cookie: unprefixed } })).status).toBe(401);
  });
});
