import type { Prisma } from "../../generated/prisma/client.ts";
import type { UnitEntrySource, UsageUnit } from "../../generated/prisma/enums.ts";
import { ValidationError } from "../errors/ApiError.ts";

export interface UsageReadingInput {
  tenantId: string;
  passportId: string;
  readAt: Date;
  value: number;
  unit: UsageUnit;
  entryId?: string;
  source: UnitEntrySource;
}

/**
 * Adds a reading to a unit's usage history. Usage only grows: a reading must not be below an
 * earlier one nor above a later one (a wrong figure is corrected by the owner deleting their entry,
 * never by rewriting history). Readings of one unit are taken one at a time.
 */
export async function recordUsageReading(tx: Prisma.TransactionClient, input: UsageReadingInput): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`usage:${input.passportId}`}))`;
  // One statement at a time: a transaction is one connection.
  const before = await tx.usageReading.findFirst({
    where: { passportId: input.passportId, unit: input.unit, readAt: { lte: input.readAt } },
    orderBy: [{ readAt: "desc" }, { value: "desc" }],
    select: { value: true, readAt: true },
  });
  const after = await tx.usageReading.findFirst({
    where: { passportId: input.passportId, unit: input.unit, readAt: { gte: input.readAt } },
    orderBy: [{ readAt: "asc" }, { value: "asc" }],
    select: { value: true, readAt: true },
  });
  if (before && Number(before.value) > input.value) {
    throw new ValidationError(
      `usage ${input.value} ${input.unit} is below the reading of ${before.readAt.toISOString()} (${before.value})`,
    );
  }
  if (after && Number(after.value) < input.value) {
    throw new ValidationError(
      `usage ${input.value} ${input.unit} is above the later reading of ${after.readAt.toISOString()} (${after.value})`,
    );
  }
  await tx.usageReading.create({
    data: {
      tenantId: input.tenantId,
      passportId: input.passportId,
      readAt: input.readAt,
      value: input.value,
      unit: input.unit,
      entryId: input.entryId ?? null,
      source: input.source,
    },
  });
}
