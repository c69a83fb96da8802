import type { Context } from "hono";
import type { ServiceStaffRole } from "../../generated/prisma/enums.ts";
import type { AppEnv } from "../AppEnv.ts";
import type { AppServices } from "../AppServices.ts";
import { getSession } from "../auth/loadSession.ts";
import { ForbiddenError } from "../errors/ApiError.ts";

/** What a centre's employee may do; each role sees and does what its work needs. */
export type ServiceCapability =
  | "view_calendar"
  | "manage_bookings"
  | "view_catalogue"
  | "manage_catalogue"
  | "manage_staff"
  | "manage_centre"
  | "view_all_work_orders"
  | "create_work_orders"
  | "work_on_work_orders"
  | "complete_work_orders"
  | "view_prices"
  | "manage_notifications";

const CAPABILITIES: Record<ServiceStaffRole, readonly ServiceCapability[]> = {
  OWNER: [
    "view_calendar",
    "manage_bookings",
    "view_catalogue",
    "manage_catalogue",
    "manage_staff",
    "manage_centre",
    "view_all_work_orders",
    "create_work_orders",
    "work_on_work_orders",
    "complete_work_orders",
    "view_prices",
    "manage_notifications",
  ],
  MANAGER: [
    "view_calendar",
    "manage_bookings",
    "view_catalogue",
    "manage_catalogue",
    "view_all_work_orders",
    "create_work_orders",
    "work_on_work_orders",
    "complete_work_orders",
    "view_prices",
    "manage_notifications",
  ],
  RECEPTIONIST: [
    "view_calendar",
    "manage_bookings",
    "view_catalogue",
    "view_all_work_orders",
    "create_work_orders",
    "view_prices",
  ],
  // A mechanic works on the orders assigned to them and sees parts, not prices or customers' bookings.
  MECHANIC: ["view_catalogue", "work_on_work_orders"],
};

export function staffRolePermits(role: ServiceStaffRole, capability: ServiceCapability): boolean {
  return CAPABILITIES[role].includes(capability);
}

export interface ServiceStaffMember {
  organizationId: string;
  userId: string;
  role: ServiceStaffRole;
  isVerified: boolean;
}

/**
 * The signed-in employee of service centre `organizationId`, allowed `capability`. A member
 * without a staff role (an organization member added before the centre set roles) acts by their
 * membership: ADMIN as OWNER, EDITOR as MANAGER, VIEWER as RECEPTIONIST.
 */
export async function getServiceStaffMember(
  c: Context<AppEnv>,
  services: AppServices,
  organizationId: string,
  capability: ServiceCapability,
): Promise<ServiceStaffMember> {
  const session = getSession(c);
  const { db } = services;
  const [membership, staff, profile] = await Promise.all([
    db.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId: session.userId } },
      include: { organization: { select: { kind: true } } },
    }),
    db.prisma.serviceStaff.findUnique({ where: { organizationId_userId: { organizationId, userId: session.userId } } }),
    db.prisma.serviceCentreProfile.findUnique({ where: { organizationId }, select: { verifiedAt: true } }),
  ]);
  if (!membership) throw new ForbiddenError("you are not a member of this organization");
  if (membership.organization.kind !== "SERVICE_CENTRE")
    throw new ForbiddenError("this organization is not a service centre");
  const role = staff?.role ?? ({ ADMIN: "OWNER", EDITOR: "MANAGER", VIEWER: "RECEPTIONIST" } as const)[membership.role];
  if (!staffRolePermits(role, capability)) {
    throw new ForbiddenError(`a ${role.toLowerCase()} may not ${capability.replaceAll("_", " ")}`);
  }
  return { organizationId, userId: session.userId, role, isVerified: Boolean(profile?.verifiedAt) };
}

export function requireVerified(member: ServiceStaffMember): void {
  if (!member.isVerified) throw new ForbiddenError("the service centre is not verified yet");
}
