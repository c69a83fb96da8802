import type { Prisma } from "../../generated/prisma/client.ts";

export interface AuditEntry {
  tenantId: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Prisma.InputJsonValue;
}

/** Appends to the tenant's audit log, inside the caller's transaction so it commits with the action. */
export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditLogEntry.create({ data: { ...entry, details: entry.details ?? {} } });
}
