import { createRoute, z } from "@hono/zod-openapi";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { SessionSchema } from "../auth/authRoutes.ts";
import { getSession } from "../auth/loadSession.ts";
import { consumeNonce, isNonceOpen } from "../auth/nonces.ts";
import { SESSION_COOKIE, startUserSession } from "../auth/sessions.ts";
import { verifySignIn } from "../auth/verifySignIn.ts";
import { ConflictError, NotFoundError, UnauthorizedError } from "../errors/ApiError.ts";
import { createRouter } from "../http/createRouter.ts";
import { jsonBody, jsonResponse } from "../http/jsonContent.ts";
import { problemResponses } from "../http/ProblemSchema.ts";
import { PUBLIC_SECURITY, SESSION_SECURITY } from "../http/security.ts";
import { verifyTelegramInitData } from "./verifyTelegramInitData.ts";

const InitDataSchema = z.object({ initData: z.string().min(10).max(8192) }).openapi("TelegramInitData", {
  example: { initData: "query_id=AA...&user=%7B%22id%22%3A1%7D&auth_date=1764547200&hash=..." },
});
const WalletLinkSchema = z
  .object({ message: z.string().min(1).max(4096), signature: z.string().regex(/^0x[0-9a-fA-F]+$/) })
  .openapi("WalletLink", { example: { message: "localhost:3000 wants you to sign in ...", signature: "0x00" } });

const r = {
  signIn: createRoute({
    method: "post",
    path: "/auth/telegram",
    tags: ["auth"],
    summary:
      "Sign in an owner from the Telegram Mini App with its initData (HMAC with the bot token, fresh, used once)",
    security: PUBLIC_SECURITY,
    request: { body: jsonBody(InitDataSchema) },
    responses: { 200: jsonResponse(SessionSchema, "Signed in"), ...problemResponses(401, 404, 409, 422) },
  }),
  linkTelegram: createRoute({
    method: "post",
    path: "/auth/telegram/link",
    tags: ["auth"],
    summary: "Link the Telegram account of a Mini App to the signed-in wallet",
    security: SESSION_SECURITY,
    request: { body: jsonBody(InitDataSchema) },
    responses: { 204: { description: "Linked" }, ...problemResponses(401, 404, 409, 422) },
  }),
  linkWallet: createRoute({
    method: "post",
    path: "/auth/wallet/link",
    tags: ["auth"],
    summary: "Link a wallet (a signed EIP-4361 message) to the owner signed in with Telegram",
    security: SESSION_SECURITY,
    request: { body: jsonBody(WalletLinkSchema) },
    responses: {
      200: jsonResponse(SessionSchema, "The session, now with the wallet"),
      ...problemResponses(401, 409, 422),
    },
  }),
};

export function telegramAuthRoutes(services: AppServices) {
  const { db, config } = services;
  const app = createRouter<AppEnv>();

  function getBotToken(): string {
    if (!config.TELEGRAM_BOT_TOKEN) throw new NotFoundError("Telegram sign-in (no bot is configured)");
    return config.TELEGRAM_BOT_TOKEN;
  }

  /** Verifies the initData and spends it, so a captured one cannot sign in again. */
  async function useInitData(initData: string) {
    const identity = verifyTelegramInitData(initData, getBotToken(), config.TELEGRAM_INIT_DATA_MAX_AGE_SECONDS);
    const used = await db.prisma.telegramSignIn.createMany({
      data: [{ initDataHash: identity.initDataHash }],
      skipDuplicates: true,
    });
    if (used.count === 0)
      throw new UnauthorizedError("this Telegram initData was already used; open the Mini App again");
    return identity;
  }

  app.openapi(r.signIn, async (c) => {
    const { initData } = c.req.valid("json");
    const identity = await useInitData(initData);
    const user = await db.prisma.user.upsert({
      where: { telegramId: identity.telegramId },
      create: { telegramId: identity.telegramId },
      update: {},
    });
    const { token, session } = await startUserSession(db, {
      userId: user.id,
      chainId: 0,
      ttlHours: config.SESSION_TTL_HOURS,
    });
    setCookie(c, SESSION_COOKIE, token, {
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

  app.openapi(r.linkTelegram, async (c) => {
    const session = getSession(c);
    const { initData } = c.req.valid("json");
    const identity = await useInitData(initData);
    const holder = await db.prisma.user.findUnique({ where: { telegramId: identity.telegramId } });
    if (holder && holder.id !== session.userId) {
      throw new ConflictError(
        "this Telegram account belongs to another user; sign in with Telegram and link the wallet there",
      );
    }
    await db.prisma.user.update({ where: { id: session.userId }, data: { telegramId: identity.telegramId } });
    return c.body(null, 204);
  });

  app.openapi(r.linkWallet, async (c) => {
    const session = getSession(c);
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
    if (!(await consumeNonce(db, signIn.nonce)))
      throw new UnauthorizedError("nonce is unknown, expired or already used");
    const address = signIn.address.toLowerCase();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: session.userId } });
    if (user.address && user.address !== address) throw new ConflictError("this account already has another wallet");
    const holder = await db.prisma.user.findUnique({ where: { address } });
    if (holder && holder.id !== session.userId) {
      throw new ConflictError("this wallet already has its own account; sign in with it and link Telegram there");
    }
    await db.prisma.user.update({ where: { id: session.userId }, data: { address } });
    await db.prisma.session.update({ where: { id: session.sessionId }, data: { chainId: signIn.chainId } });
    return c.json({ address, chainId: signIn.chainId, expiresAt: session.expiresAt.toISOString() }, 200);
  });

  return app;
}
