import type { OpenAPIHono } from "@hono/zod-openapi";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import type { MembershipRole, OrganizationKind } from "../generated/prisma/enums.ts";
import type { AppEnv } from "../src/AppEnv.ts";
import type { Database } from "../src/database/Database.ts";

export interface SignedInMember {
  organizationId: string;
  userId: string;
  address: string;
  cookie: string;
  /** `app.request` with this member's session cookie; JSON bodies are serialised. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

type App = OpenAPIHono<AppEnv>;

const DOMAIN = "localhost:3000";

/** Signs a fresh wallet in through SIWE (nonce, signed message, verify) and returns its cookie. */
export async function signIn(app: App): Promise<{ cookie: string; address: string }> {
  const account = privateKeyToAccount(generatePrivateKey());
  const { nonce } = (await (await app.request("/api/v1/auth/nonce")).json()) as { nonce: string };
  const message = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: DOMAIN,
    nonce,
    uri: `http://${DOMAIN}`,
    version: "1",
  });
  const response = await app.request("/api/v1/auth/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, address: account.address.toLowerCase() };
}

export function requestWithCookie(app: App, cookie: string | undefined): SignedInMember["request"] {
  return (path, init = {}) => {
    const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...init.headers };
    let body: string | undefined;
    if (typeof init.body === "string") body = init.body;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
    return Promise.resolve(app.request(`/api/v1${path}`, { method: init.method ?? "GET", headers, body }));
  };
}

/** A signed-in member (default ADMIN) of a new organization of `kind`. */
export async function signInMember(
  app: App,
  db: Database,
  kind: OrganizationKind,
  role: MembershipRole = "ADMIN",
): Promise<SignedInMember> {
  const { cookie, address } = await signIn(app);
  const user = await db.prisma.user.findUniqueOrThrow({ where: { address } });
  const organization = await db.prisma.organization.create({ data: { name: `${kind} ${address.slice(2, 8)}`, kind } });
  await db.prisma.membership.create({ data: { organizationId: organization.id, userId: user.id, role } });
  return { organizationId: organization.id, userId: user.id, address, cookie, request: requestWithCookie(app, cookie) };
}
