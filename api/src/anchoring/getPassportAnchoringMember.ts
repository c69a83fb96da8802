import type { Context } from "hono";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { ForbiddenError } from "../errors/ApiError.ts";
import { getTenantMember, type TenantMember } from "../tenancy/TenantMember.ts";
import { mayAnchorPassports } from "./mayAnchorPassports.ts";

/** The member who prepares, anchors and revokes the organization's passport batches (mayAnchorPassports). */
export async function getPassportAnchoringMember(
  c: Context<AppEnv>,
  services: AppServices,
  organizationId: string,
): Promise<TenantMember> {
  const member = await getTenantMember(c, services, organizationId, "write");
  // The role was checked above, so only the organization's kind can refuse here.
  if (!mayAnchorPassports(member)) {
    throw new ForbiddenError(
      `only a manufacturer anchors or revokes passports; this organization is a ${member.organizationKind}`,
    );
  }
  return member;
}
