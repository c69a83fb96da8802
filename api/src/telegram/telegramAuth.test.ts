import { sign } from "@telegram-apps/init-data-node";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { afterAll, describe, expect, it } from "vitest";
import { requestWithCookie, signIn } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const BOT_TOKEN = "7000000001:AAtest-bot-token-for-a360-exchange";
const { app, db } = await createTestApp({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_INIT_DATA_MAX_AGE_SECONDS: "300" });
afterAll(() => closeDatabase(db));

let nextTelegramId = 5_000_000 + Math.floor(Math.random() * 1_000_000);

function initDataFor(telegramId: number, authDate = new Date(), token = BOT_TOKEN): string {
  return sign({ user: { id: telegramId, first_name: "Owner" }, query_id: `q${Math.random()}` }, token, authDate);
}

async function signInWithTelegram(initData: string) {
  const response = await app.request("/api/v1/auth/telegram", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ initData }),
  });
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { response, request: requestWithCookie(app, cookie) };
}

async function siweFor(account: ReturnType<typeof privateKeyToAccount>) {
  const { nonce } = (await (await app.request("/api/v1/auth/nonce")).json()) as { nonce: string };
  const message = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: "localhost:3000",
    nonce,
    uri: "http://localhost:3000",
    version: "1",
  });
  return { message, signature: await account.signMessage({ message }) };
}

describe("Telegram Mini App sign-in", () => {
  it("signs an owner in from fresh initData into a session without a wallet, with a garage of their own", async () => {
    const { response, request } = await signInWithTelegram(initDataFor(++nextTelegramId));
    expect({ status: response.status, body: response.status === 200 ? "" : await response.clone().text() }).toEqual({
      status: 200,
      body: "",
    });
    expect(await response.json()).toMatchObject({ address: null, chainId: 0 });
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    const garage = await request("/garage");
    expect(garage.status).toBe(200);
    expect(await garage.json()).toMatchObject({ units: [], unclaimedOnChain: [] });
  });

  it("signs the same Telegram user into the same account", async () => {
    const telegramId = ++nextTelegramId;
    await signInWithTelegram(initDataFor(telegramId));
    await signInWithTelegram(initDataFor(telegramId));
    expect(await db.prisma.user.count({ where: { telegramId: String(telegramId) } })).toBe(1);
  });

  it("refuses initData signed with another bot's token, tampered with, too old, or replayed", async () => {
    const wrongBot = await signInWithTelegram(
      initDataFor(++nextTelegramId, new Date(), "7000000002:AAanother-bot-token-000000"),
    );
    expect(wrongBot.response.status).toBe(401);
    expect(wrongBot.response.headers.get("content-type")).toContain("application/problem+json");
    const tampered = initDataFor(++nextTelegramId).replace(/id%22%3A\d+/, "id%22%3A1");
    expect((await signInWithTelegram(tampered)).response.status).toBe(401);
    const old = await signInWithTelegram(initDataFor(++nextTelegramId, new Date(Date.now() - 301_000)));
    expect(old.response.status).toBe(401);
    expect(await old.response.json()).toMatchObject({ detail: expect.stringMatching(/too old/) });
    const fresh = initDataFor(++nextTelegramId);
    expect((await signInWithTelegram(fresh)).response.status).toBe(200);
    expect((await signInWithTelegram(fresh)).response.status).toBe(401);
  });

  it("links a wallet later, and refuses a wallet that already has its own account", async () => {
    const { request } = await signInWithTelegram(initDataFor(++nextTelegramId));
    const account = privateKeyToAccount(generatePrivateKey());
    const linked = await request("/auth/wallet/link", { method: "POST", body: await siweFor(account) });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toMatchObject({ address: account.address.toLowerCase() });
    expect(await (await request("/auth/session")).json()).toMatchObject({ address: account.address.toLowerCase() });

    const other = await signInWithTelegram(initDataFor(++nextTelegramId));
    const taken = await signIn(app);
    const holder = privateKeyToAccount(generatePrivateKey());
    expect(taken.address).not.toBe(holder.address);
    await requestWithCookie(app, taken.cookie)("/auth/session");
    // A wallet that signed in on its own is its own account.
    const walletAccount = await siweFor(account);
    const refused = await other.request("/auth/wallet/link", { method: "POST", body: walletAccount });
    expect(refused.status).toBe(409);
  });

  it("links Telegram to a wallet account, once", async () => {
    const wallet = await signIn(app);
    const request = requestWithCookie(app, wallet.cookie);
    const telegramId = ++nextTelegramId;
    expect(
      (await request("/auth/telegram/link", { method: "POST", body: { initData: initDataFor(telegramId) } })).status,
    ).toBe(204);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { address: wallet.address } })).telegramId).toBe(
      String(telegramId),
    );
    const second = await signIn(app);
    const refused = await requestWithCookie(app, second.cookie)("/auth/telegram/link", {
      method: "POST",
      body: { initData: initDataFor(telegramId) },
    });
    expect(refused.status).toBe(409);
  });
});
