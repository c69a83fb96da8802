import { createHash, randomBytes } from "node:crypto";
import type { Context } from "hono";
import type { AppEnv } from "../AppEnv.ts";
import type { Database } from "../database/Database.ts";
import { ForbiddenError, UnauthorizedError } from "../errors/ApiError.ts";

/**
 * What a machine key may do: `read` the organization's models, passports, readings and imports;
 * write models (`models:write`: create, change, import), passports (`passports:write`: create,
 * change, import, labels) or readings (`readings:write`: ingest).
 */
export const API_KEY_SCOPES = ["read", "models:write", "passports:write", "readings:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const KEY_PREFIX = "a360_";

function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A new key for a tenant. The key is returned once; only its SHA-256 is stored. */
export async function createApiKey(
  db: Database,
  params: { tenantId: string; createdById: string; name: string; scopes: ApiKeyScope[] },
) {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const record = await db.prisma.apiKey.create({
    data: {
      tenantId: params.tenantId,
      name: params.name,
      scopes: params.scopes,
      createdById: params.createdById,
      prefix: key.slice(0, 12),
      keyHash: hashApiKey(key),
    },
  });
  return { key, record };
}

export interface ApiKeyTenant {
  apiKeyId: string;
  tenantId: string;
}

/** The tenant of the request's `Authorization: Bearer a360_...` key, which must hold `scope`. */
export async function getApiKeyTenant(c: Context<AppEnv>, db: Database, scope: ApiKeyScope): Promise<ApiKeyTenant> {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(a360_[A-Za-z0-9_-]{20,100})$/.exec(header);
  if (!match?.[1]) throw new UnauthorizedError("send an API key as Authorization: Bearer a360_...");
  const apiKey = await db.prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(match[1]) } });
  if (!apiKey || apiKey.revokedAt) throw new UnauthorizedError("the API key is unknown or revoked");
  if (!apiKey.scopes.includes(scope)) throw new ForbiddenError(`the API key lacks the scope ${scope}`);
  return { apiKeyId: apiKey.id, tenantId: apiKey.tenantId };
}

/** Records that a key was used, at most every few seconds (concurrent calls would queue on its row). */
export async function noteApiKeyUse(db: Database, apiKeyId: string): Promise<void> {
  await db.prisma.$executeRaw`update app.api_key set last_used_at = now()
     where id = ${apiKeyId}::uuid and (last_used_at is null or last_used_at < now() - interval '5 seconds')`;
}
