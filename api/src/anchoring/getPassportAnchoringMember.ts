import type { Context } from "hono";
import { ForbiddenError } from "../errors/ApiError.ts";
import type { AppEnv, AppServices } from "../http/AppEnv.ts";
import { getTenantMember, type TenantMember } from "../tenancy/TenantMember.ts";

/**
 * The member who prepares, anchors and revokes the organization's passport batches: a writer of a
 * MANUFACTURER organization (only manufacturers keep passports and hold registry wallets).
 */
export async function getPassportAnchoringMember(
  c: Context<AppEnv>,
  services: AppServices,
  organizationId: string,
): Promise<TenantMember> {
  const member = await getTenantMember(c, services, organizationId, "write");
  if (member.organizationKind !== "MANUFACTURER") {
    throw new ForbiddenError(
      `only a manufacturer anchors or revokes passports; this organization is a ${member.organizationKind}`,
    );
  }
  return member;
}
