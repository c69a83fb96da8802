import type { Context } from "hono";
import type { OrganizationKind } from "../../generated/prisma/enums.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { ForbiddenError } from "../errors/ApiError.ts";
import { type ApiKeyScope, getApiKeyTenant, noteApiKeyUse } from "./ApiKeys.ts";
import { getTenantMember, type TenantPermission } from "./TenantMember.ts";

/** Who acts for a tenant: a signed-in member, or a machine with one of the tenant's API keys. */
export type TenantActor =
  | { via: "session"; organizationId: string; organizationKind: OrganizationKind; userId: string }
  | { via: "apiKey"; organizationId: string; organizationKind: OrganizationKind; apiKeyId: string };

/** The API-key scope that stands for each member permission on a route machines may call. */
export type MachineAccess = { permission: Exclude<TenantPermission, "admin">; scope: ApiKeyScope };

/**
 * The tenant a request to a route open to machines acts for: with `Authorization: Bearer a360_…`
 * the key must belong to the organization in the path and hold `access.scope`; otherwise the
 * session must hold a membership there whose role allows `access.permission`.
 */
export async function getTenantActor(
  c: Context<AppEnv>,
  services: AppServices,
  organizationId: string,
  access: MachineAccess,
): Promise<TenantActor> {
  if (c.req.header("authorization") === undefined) {
    const member = await getTenantMember(c, services, organizationId, access.permission);
    return { via: "session", organizationId, organizationKind: member.organizationKind, userId: member.userId };
  }
  const key = await getApiKeyTenant(c, services.db, access.scope);
  if (key.tenantId !== organizationId) throw new ForbiddenError("the API key belongs to another organization");
  await noteApiKeyUse(services.db, key.apiKeyId);
  const organization = await services.db.prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { kind: true },
  });
  return { via: "apiKey", organizationId, organizationKind: organization.kind, apiKeyId: key.apiKeyId };
}

export const READ_ACCESS: MachineAccess = { permission: "read", scope: "read" };
export const MODELS_WRITE_ACCESS: MachineAccess = { permission: "write", scope: "models:write" };
export const PASSPORTS_WRITE_ACCESS: MachineAccess = { permission: "write", scope: "passports:write" };
