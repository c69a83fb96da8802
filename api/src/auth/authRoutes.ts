import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppServices } from "../AppServices.ts";
import { UnauthorizedError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { getSession } from "./loadSession.ts";
import { consumeNonce, isNonceOpen, issueNonce } from "./nonces.ts";
import type { SessionEnv } from "./SessionEnv.ts";
import { endSession, getSessionCookieName, startSession } from "./sessions.ts";
import { MAX_SIGNATURE_HEX_LENGTH, verifySignIn } from "./verifySignIn.ts";

const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
export const SessionSchema = z
  .object({
    address: Address.nullable().openapi({
      description: "Null for an owner signed in with Telegram and no wallet linked yet",
    }),
    chainId: z.number().int(),
    expiresAt: z.string(),
  })
  .openapi("Session");

const nonceRoute = createRoute({
  method: "get",
  path: "/auth/nonce",
  tags: ["auth"],
  summary: "Issue a single-use Sign-In With Ethereum nonce",
  responses: {
    200: { description: "A fresh nonce", content: { "application/json": { schema: z.object({ nonce: z.string() }) } } },
  },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/auth/verify",
  tags: ["auth"],
  summary: "Sign in with a signed EIP-4361 message; sets the http-only session cookie",
  request: {
    body: {
      content: {
        "application/json": {
          schema: z.object({
            message: z.string().min(1).max(4096),
            signature: z
              .string()
              .max(2 + MAX_SIGNATURE_HEX_LENGTH)
              .regex(/^0x[0-9a-fA-F]+$/),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: "Signed in", content: { "application/json": { schema: SessionSchema } } },
    ...problemResponses(400, 401, 413, 415, 422, 429),
  },
});

const sessionRoute = createRoute({
  method: "get",
  path: "/auth/session",
  tags: ["auth"],
  summary: "The current session",
  responses: {
    200: { description: "Signed in", content: { "application/json": { schema: SessionSchema } } },
    ...problemResponses(401),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "End the current session",
  responses: { 204: { description: "Signed out" } },
});

export function authRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<SessionEnv>();
  const cookieName = getSessionCookieName(config.SESSION_COOKIE_SECURE);

  app.openapi(nonceRoute, async (c) => {
    c.header("cache-control", "no-store");
    return c.json({ nonce: await issueNonce(db, config.SIWE_NONCE_TTL_SECONDS) }, 200);
  });

  app.openapi(verifyRoute, async (c) => {
    const { message, signature } = c.req.valid("json");
    const signIn = await verifySignIn(
      {
        domains: config.SIWE_DOMAINS,
        origins: config.WEB_ORIGINS,
        chainIds: config.SIWE_CHAIN_IDS,
        rpcUrl: config.CHAIN_RPC_URL,
        maxAgeSeconds: config.SIWE_NONCE_TTL_SECONDS,
        isNonceOpen: (nonce) => isNonceOpen(db, nonce),
      },
      message,
      signature as `0x${string}`,
    );
    if (!(await consumeNonce(db, signIn.nonce))) {
      throw new UnauthorizedError("nonce is unknown, expired or already used");
    }
    const { token, session } = await startSession(db, {
      address: signIn.address,
      chainId: signIn.chainId,
      ttlHours: config.SESSION_TTL_HOURS,
    });
    setCookie(c, cookieName, token, {
      httpOnly: true,
      secure: config.SESSION_COOKIE_SECURE,
      sameSite: "Lax",
      path: "/",
      expires: session.expiresAt,
    });
    return c.json(
      { address: session.address, chainId: session.chainId, expiresAt: session.expiresAt.toISOString() },
      200,
    );
  });

  app.openapi(sessionRoute, (c) => {
    const session = getSession(c);
    c.header("cache-control", "no-store");
    return c.json(
      { address: session.address, chainId: session.chainId, expiresAt: session.expiresAt.toISOString() },
      200,
    );
  });

  app.openapi(logoutRoute, async (c) => {
    const token = getCookie(c, cookieName);
    if (token) await endSession(db, token);
    deleteCookie(c, cookieName, { path: "/", secure: config.SESSION_COOKIE_SECURE });
    return c.body(null, 204);
  });

  return app;
}
