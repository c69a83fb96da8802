import { createHash } from "node:crypto";
import { type JsonValue, toCanonicalJson } from "@a360/contracts/passport";
import type { Prisma } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/recordAudit.ts";
import type { Database } from "../database/Database.ts";
import { ConflictError } from "../errors/ApiError.ts";
import { recordUsageReading } from "../owners/recordUsageReading.ts";
import { EXCHANGE_FORMAT, type ExchangeDocument } from "./ExchangeDocument.ts";

/** A unit's passport identity and whole service history as one a360.exchange.v1 document. */
export async function exportUnitExchange(
  db: Database,
  params: { passportId: string; ownerOrgId: string },
): Promise<ExchangeDocument> {
  const { passportId, ownerOrgId } = params;
  const [passport, holder, usage, entries, records, recommendations] = await Promise.all([
    db.prisma.passport.findUniqueOrThrow({ where: { id: passportId }, include: { model: true } }),
    db.prisma.garageUnit.findFirst({ where: { passportId, tenantId: ownerOrgId } }),
    db.prisma.usageReading.findMany({ where: { passportId, tenantId: ownerOrgId }, orderBy: { readAt: "asc" } }),
    db.prisma.unitEntry.findMany({
      where: { passportId, tenantId: ownerOrgId },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    }),
    db.prisma.serviceRecord.findMany({ where: { passportId, ownerOrgId }, orderBy: { completedAt: "asc" } }),
    db.prisma.maintenanceRecommendation.findMany({
      where: { passportId, tenantId: ownerOrgId },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const anchors = await db.prisma.repairAnchor.findMany({
    where: { serviceRecordId: { in: records.map((record) => record.id) }, status: "ANCHORED" },
  });
  const anchorOf = new Map(anchors.map((anchor) => [anchor.serviceRecordId, anchor]));
  return {
    format: EXCHANGE_FORMAT,
    exportedAt: new Date().toISOString(),
    unit: {
      publicId: passport.publicId,
      serialNumber: passport.serialNumber,
      model: {
        modelCode: passport.model.modelCode,
        name: passport.model.name,
        batteryCategory: passport.model.batteryCategory,
      },
      lifecycleState: passport.lifecycleState,
      productionDate: passport.productionDate ? passport.productionDate.toISOString().slice(0, 10) : null,
      usageUnit: holder?.usageUnit ?? "KM",
    },
    usage: usage.map((row) => ({ readAt: row.readAt.toISOString(), value: Number(row.value), unit: row.unit })),
    entries: entries.map((row) => ({
      id: row.sourceRef ?? row.id,
      kind: row.kind,
      source: row.source,
      occurredAt: row.occurredAt.toISOString(),
      title: row.title,
      category: row.category,
      amountCents: row.amountCents === null ? null : Number(row.amountCents),
      currency: row.currency,
      quantity: row.quantity === null ? null : Number(row.quantity),
      quantityUnit: row.quantityUnit,
      usageValue: row.usageValue === null ? null : Number(row.usageValue),
      details: row.details as Record<string, unknown>,
    })),
    serviceRecords: records.map((record) => {
      const anchor = anchorOf.get(record.id);
      const document = record.document as Record<string, unknown> & { centre?: { name?: string } };
      return {
        id: record.id,
        formHash: record.formHash,
        completedAt: record.completedAt.toISOString(),
        centreName: document.centre?.name ?? "",
        totalCents: Number(record.totalCents),
        currency: record.currency,
        document,
        repair:
          anchor?.transactionHash && anchor.repairId && anchor.chainId !== null
            ? { chainId: anchor.chainId, transactionHash: anchor.transactionHash, repairId: anchor.repairId }
            : null,
      };
    }),
    recommendations: recommendations.map((row) => ({
      id: row.sourceRef ?? row.id,
      title: row.title,
      dueOn: row.dueOn ? row.dueOn.toISOString().slice(0, 10) : null,
      dueUsage: row.dueUsage === null ? null : Number(row.dueUsage),
      status: row.status,
    })),
  };
}

export interface ExchangeImportResult {
  passportId: string;
  /** False when this very document was imported before: nothing changed. */
  created: boolean;
  entries: number;
  usageReadings: number;
  serviceRecords: number;
  recommendations: number;
}

/** SHA-256 of the canonical document, minus when it was exported: the same history imports once. */
export function getExchangeDocumentHash(document: ExchangeDocument): string {
  const { exportedAt: _exportedAt, ...content } = document;
  // The document is JSON (parsed from a request and checked by its schema): a copy through JSON
  // gives it the JSON type without dropping anything.
  const json: JsonValue = JSON.parse(JSON.stringify(content));
  return `0x${createHash("sha256").update(toCanonicalJson(json)).digest("hex")}`;
}

/**
 * Imports a unit with its whole history into the owner's organization (their garage), in one
 * transaction: the passport (under a model of the owner's own), the garage entry, every entry
 * (service records become immutable IMPORT entries carrying their form hash and repair on chain),
 * the usage history (checked as any reading is) and the recommendations. A document imported
 * before changes nothing; a unit that already exists elsewhere is refused (claim it from the chain).
 */
export async function importUnitExchange(
  db: Database,
  params: { ownerOrgId: string; userId: string; document: ExchangeDocument },
): Promise<ExchangeImportResult> {
  const { ownerOrgId, userId, document } = params;
  const documentHash = getExchangeDocumentHash(document);
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`exchange:${document.unit.publicId}`}))`;
      const earlier = await tx.exchangeImport.findUnique({
        where: { tenantId_documentHash: { tenantId: ownerOrgId, documentHash } },
      });
      if (earlier)
        return {
          ...(await countImported(tx, ownerOrgId, earlier.passportId)),
          passportId: earlier.passportId,
          created: false,
        };
      const existing = await tx.passport.findUnique({ where: { publicId: document.unit.publicId } });
      if (existing) {
        throw new ConflictError(
          "a unit with this public id exists already; its owner claims it from the chain instead of importing it",
        );
      }
      const model = await tx.batteryModel.upsert({
        where: { tenantId_modelCode: { tenantId: ownerOrgId, modelCode: document.unit.model.modelCode } },
        create: {
          tenantId: ownerOrgId,
          modelCode: document.unit.model.modelCode,
          name: document.unit.model.name,
          batteryCategory: document.unit.model.batteryCategory,
        },
        update: {},
      });
      const passport = await tx.passport.create({
        data: {
          tenantId: ownerOrgId,
          publicId: document.unit.publicId,
          modelId: model.id,
          serialNumber: document.unit.serialNumber,
          lifecycleState: document.unit.lifecycleState,
          productionDate: document.unit.productionDate ? new Date(document.unit.productionDate) : null,
        },
      });
      await tx.garageUnit.create({
        data: {
          tenantId: ownerOrgId,
          passportId: passport.id,
          ownerUserId: userId,
          source: "IMPORTED",
          usageUnit: document.unit.usageUnit,
        },
      });
      if (document.entries.length > 0) {
        await tx.unitEntry.createMany({
          data: document.entries.map((entry) => ({
            tenantId: ownerOrgId,
            passportId: passport.id,
            kind: entry.kind,
            source: "IMPORT" as const,
            occurredAt: new Date(entry.occurredAt),
            title: entry.title,
            category: entry.category ?? null,
            amountCents: entry.amountCents == null ? null : BigInt(entry.amountCents),
            currency: entry.currency ?? null,
            quantity: entry.quantity ?? null,
            quantityUnit: entry.quantityUnit ?? null,
            usageValue: entry.usageValue ?? null,
            usageUnit: entry.usageValue == null ? null : document.unit.usageUnit,
            details: (entry.details ?? {}) as Prisma.InputJsonValue,
            sourceRef: `entry:${entry.id}`,
            createdById: userId,
          })),
        });
      }
      if (document.serviceRecords.length > 0) {
        await tx.unitEntry.createMany({
          data: document.serviceRecords.map((record) => ({
            tenantId: ownerOrgId,
            passportId: passport.id,
            kind: "SERVICE" as const,
            source: "IMPORT" as const,
            occurredAt: new Date(record.completedAt),
            title: `Service record of ${record.centreName || "a service centre"}`,
            details: {
              formHash: record.formHash,
              totalCents: record.totalCents,
              currency: record.currency,
              repair: record.repair,
              document: record.document,
            } as Prisma.InputJsonValue,
            sourceRef: `record:${record.id}`,
            createdById: userId,
          })),
        });
      }
      for (const reading of [...document.usage].sort((a, b) => a.readAt.localeCompare(b.readAt))) {
        await recordUsageReading(tx, {
          tenantId: ownerOrgId,
          passportId: passport.id,
          readAt: new Date(reading.readAt),
          value: reading.value,
          unit: reading.unit,
          source: "IMPORT",
        });
      }
      if (document.recommendations.length > 0) {
        await tx.maintenanceRecommendation.createMany({
          data: document.recommendations.map((recommendation) => ({
            tenantId: ownerOrgId,
            passportId: passport.id,
            title: recommendation.title,
            dueOn: recommendation.dueOn ? new Date(recommendation.dueOn) : null,
            dueUsage: recommendation.dueUsage,
            usageUnit: recommendation.dueUsage === null ? null : document.unit.usageUnit,
            status: recommendation.status,
            sourceRef: `recommendation:${recommendation.id}`,
          })),
        });
      }
      await tx.exchangeImport.create({ data: { tenantId: ownerOrgId, documentHash, passportId: passport.id } });
      await recordAudit(tx, {
        tenantId: ownerOrgId,
        actorId: userId,
        action: "unit.imported",
        subjectType: "unit",
        subjectId: passport.id,
        details: { documentHash, publicId: document.unit.publicId },
      });
      return { ...(await countImported(tx, ownerOrgId, passport.id)), passportId: passport.id, created: true };
    },
    { timeout: 60_000 },
  );
}

async function countImported(tx: Prisma.TransactionClient, tenantId: string, passportId: string) {
  const entries = await tx.unitEntry.count({ where: { tenantId, passportId, sourceRef: { startsWith: "entry:" } } });
  const serviceRecords = await tx.unitEntry.count({
    where: { tenantId, passportId, sourceRef: { startsWith: "record:" } },
  });
  const usageReadings = await tx.usageReading.count({ where: { tenantId, passportId } });
  const recommendations = await tx.maintenanceRecommendation.count({ where: { tenantId, passportId } });
  return { entries, serviceRecords, usageReadings, recommendations };
}
