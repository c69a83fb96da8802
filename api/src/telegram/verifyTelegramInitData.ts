import { createHash } from "node:crypto";
import { validate } from "@telegram-apps/init-data-node";
import { z } from "zod";
import { UnauthorizedError } from "../errors/ApiError.ts";

export interface TelegramIdentity {
  telegramId: string;
  firstName: string;
  /** SHA-256 of the initData: a sign-in is used once. */
  initDataHash: string;
}

/**
 * Checks a Telegram Mini App's `initData`: its HMAC with the bot token (the library implements
 * Telegram's published scheme) and that it is at most `maxAgeSeconds` old. Anything else is 401.
 */
export function verifyTelegramInitData(initData: string, botToken: string, maxAgeSeconds: number): TelegramIdentity {
  try {
    validate(initData, botToken, { expiresIn: maxAgeSeconds });
  } catch (error) {
    const reason =
      error instanceof Error && /expired/i.test(error.name + error.message) ? "is too old" : "is not signed by the bot";
    throw new UnauthorizedError(`the Telegram initData ${reason}`);
  }
  // Only the user's id and name are needed once the signature holds; the library's parser also
  // insists on fields Telegram leaves out for some launch modes.
  const user = TelegramUserSchema.safeParse(safeJson(new URLSearchParams(initData).get("user")));
  if (!user.success) throw new UnauthorizedError("the Telegram initData names no user");
  return {
    telegramId: String(user.data.id),
    firstName: user.data.first_name ?? "",
    initDataHash: createHash("sha256").update(initData).digest("hex"),
  };
}

const TelegramUserSchema = z.object({ id: z.number().int().positive(), first_name: z.string().optional() });

function safeJson(text: string | null): unknown {
  try {
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
