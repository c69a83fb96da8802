import type { Database } from "../database/Database.ts";

/**
 * Trust from verifiable data only: completed visits, records whose repair the chain holds, reviews
 * tied to a completed visit, and corrections the owner had to accept.
 */
export interface CentreTrust {
  completedVisits: number;
  serviceRecords: number;
  anchoredRecords: number;
  reviewCount: number;
  averageRating: number | null;
  acceptedCorrections: number;
  /** 0-100: 40 for the share of records anchored on chain, 30 for ratings (15 without any), 30 for volume (50 visits), less 20 × the share of records corrected. */
  score: number;
}

export async function getCentreTrust(db: Database, organizationId: string): Promise<CentreTrust> {
  const [completedVisits, serviceRecords, anchoredRecords, reviews, acceptedCorrections] = await Promise.all([
    db.prisma.workOrder.count({ where: { tenantId: organizationId, status: "COMPLETED" } }),
    db.prisma.serviceRecord.count({ where: { tenantId: organizationId } }),
    db.prisma.repairAnchor.count({ where: { tenantId: organizationId, status: "ANCHORED" } }),
    db.prisma.serviceReview.aggregate({ where: { tenantId: organizationId }, _avg: { rating: true }, _count: true }),
    db.prisma.workOrderCorrection.count({ where: { tenantId: organizationId, status: "ACCEPTED" } }),
  ]);
  const averageRating = reviews._count > 0 ? Math.round((reviews._avg.rating ?? 0) * 100) / 100 : null;
  const anchoredShare = serviceRecords > 0 ? anchoredRecords / serviceRecords : 0;
  const ratingPoints = averageRating === null ? 15 : ((averageRating - 1) / 4) * 30;
  const correctedShare = serviceRecords > 0 ? Math.min(1, acceptedCorrections / serviceRecords) : 0;
  const score = 40 * anchoredShare + ratingPoints + 30 * Math.min(1, completedVisits / 50) - 20 * correctedShare;
  return {
    completedVisits,
    serviceRecords,
    anchoredRecords,
    reviewCount: reviews._count,
    averageRating,
    acceptedCorrections,
    score: Math.max(0, Math.min(100, Math.round(score))),
  };
}

export interface UnitTrust {
  serviceRecords: number;
  anchoredRecords: number;
  usageReadings: number;
  ownerEntries: number;
  /** 0-100: 60 for the share of service records anchored on chain, 20 for a usage history, 20 for records (5 or more). */
  score: number;
}

export async function getUnitTrust(db: Database, passportId: string): Promise<UnitTrust> {
  const [serviceRecords, anchoredRecords, usageReadings, ownerEntries] = await Promise.all([
    db.prisma.serviceRecord.count({ where: { passportId } }),
    db.prisma.$queryRaw<Array<{ count: bigint }>>`
      select count(*)::bigint as count from app.repair_anchor a join app.service_record s on s.id = a.service_record_id
       where s.passport_id = ${passportId}::uuid and a.status = 'ANCHORED'`.then((rows) => Number(rows[0]?.count ?? 0)),
    db.prisma.usageReading.count({ where: { passportId } }),
    db.prisma.unitEntry.count({ where: { passportId, source: "OWNER" } }),
  ]);
  const anchoredShare = serviceRecords > 0 ? anchoredRecords / serviceRecords : 0;
  const score =
    60 * anchoredShare + (usageReadings > 1 ? 20 : usageReadings * 10) + 20 * Math.min(1, serviceRecords / 5);
  return { serviceRecords, anchoredRecords, usageReadings, ownerEntries, score: Math.round(score) };
}
