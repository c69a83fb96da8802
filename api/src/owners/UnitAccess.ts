import { organizationIdOf } from "@a360/contracts/passport";
import type { Context } from "hono";
import type { UnitAccessPurpose, UsageUnit } from "../../generated/prisma/enums.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { ChainMirror } from "../chain/ChainMirror.ts";
import { NotFoundError, UnavailableError } from "../errors/ApiError.ts";

export const ALL_PURPOSES: readonly UnitAccessPurpose[] = ["VIEW_RECORDS", "ADD_LOGS", "BOOK_SERVICE", "EXPORT"];

/** What the signed-in user may do with one unit: as its owner (everything) or as a grantee (the granted purposes). */
export interface UnitAccess {
  passportId: string;
  publicId: string;
  /** The owner's organization: the tenant of the unit's records. */
  ownerOrgId: string;
  userId: string;
  role: "OWNER" | "GRANTEE";
  purposes: readonly UnitAccessPurpose[];
  usageUnit: UsageUnit;
}

/**
 * The caller's access to a unit, for `purpose`. A unit the caller may not use answers 404, as an
 * unknown one does. A unit that came from the chain is still the caller's only while the chain
 * mirror says its token is theirs.
 */
export async function getUnitAccess(
  c: Context<AppEnv>,
  services: AppServices,
  passportId: string,
  purpose: UnitAccessPurpose,
): Promise<UnitAccess> {
  const session = getSession(c);
  const { db } = services;
  // One Kysely read (every timeline page and log write starts here; see Database.ts).
  const unit = await db.sql
    .selectFrom("garage_unit as g")
    .innerJoin("passport as p", "p.id", "g.passport_id")
    .select([
      "g.tenant_id as tenantId",
      "g.owner_user_id as ownerUserId",
      "g.source",
      "g.usage_unit as usageUnit",
      "p.public_id as publicId",
      "p.tenant_id as passportTenantId",
    ])
    .where("g.passport_id", "=", passportId)
    .where("g.released_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  if (!unit) throw new NotFoundError("unit");
  const passport = { publicId: unit.publicId, tenantId: unit.passportTenantId };
  const base = {
    passportId,
    publicId: passport.publicId,
    ownerOrgId: unit.tenantId,
    userId: session.userId,
    usageUnit: unit.usageUnit,
  };

  if (unit.ownerUserId === session.userId) {
    if (unit.source === "ON_CHAIN" && !(await isStillChainOwner(services, passport, session.address))) {
      throw new NotFoundError("unit");
    }
    return { ...base, role: "OWNER", purposes: ALL_PURPOSES };
  }
  const now = new Date();
  const grants = await db.prisma.unitAccessGrant.findMany({
    where: {
      passportId,
      tenantId: unit.tenantId,
      granteeId: session.userId,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { purposes: true },
  });
  const purposes = [...new Set(grants.flatMap((grant) => grant.purposes))];
  if (!purposes.includes(purpose)) throw new NotFoundError("unit");
  return { ...base, role: "GRANTEE", purposes };
}

/** Whether the unit token of `publicId` is still held by `address` (the mirror may lag; while it is down the garage row stands). */
async function isStillChainOwner(
  services: AppServices,
  passport: { publicId: string; tenantId: string },
  address: string | null,
): Promise<boolean> {
  if (!address) return false;
  const mirror = new ChainMirror(services.db, services.config.CHAIN_MIRROR_SCHEMA);
  try {
    const unit = await mirror.findUnitByPassport(passport.publicId, organizationIdOf(passport.tenantId));
    return unit?.owner === address.toLowerCase();
  } catch (error) {
    if (error instanceof UnavailableError) return true;
    throw error;
  }
}
