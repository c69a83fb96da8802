import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

export interface BomLineInput {
  partNumber: string;
  description: string;
  material?: string | null;
  supplier?: string | null;
  quantity: number;
  massKg: number;
}

export interface BillOfMaterials {
  /** MODEL: the model's primary BOM; PASSPORT: a legacy per-unit BOM; null: none recorded. */
  source: "MODEL" | "PASSPORT" | null;
  lines: Array<BomLineInput & { position: number }>;
  totalMassKg: number;
  /** The model's declared battery mass (id.battery_mass_kg), for the mass balance. */
  declaredBatteryMassKg: number | null;
  massBalanceDeltaKg: number | null;
}

const BATTERY_MASS_KEY = "id.battery_mass_kg";
const bomInclude = { lines: { orderBy: { position: "asc" as const } } };

async function findDeclaredMassKg(prisma: Prisma.TransactionClient, modelId: string): Promise<number | null> {
  const value = await prisma.attributeValue.findFirst({
    where: { modelId, attribute: { key: BATTERY_MASS_KEY } },
    select: { valueNumeric: true },
  });
  return value?.valueNumeric ? value.valueNumeric.toNumber() : null;
}

function toBillOfMaterials(
  source: BillOfMaterials["source"],
  bom: {
    lines: Array<{
      position: number;
      partNumber: string;
      description: string;
      material: string | null;
      supplier: string | null;
      quantity: Prisma.Decimal;
      massKg: Prisma.Decimal;
    }>;
  } | null,
  declaredBatteryMassKg: number | null,
): BillOfMaterials {
  const lines = (bom?.lines ?? []).map((line) => ({
    position: line.position,
    partNumber: line.partNumber,
    description: line.description,
    material: line.material,
    supplier: line.supplier,
    quantity: line.quantity.toNumber(),
    massKg: line.massKg.toNumber(),
  }));
  const totalMassKg = Math.round(lines.reduce((sum, line) => sum + line.massKg * line.quantity, 0) * 10_000) / 10_000;
  return {
    source: bom ? source : null,
    lines,
    totalMassKg,
    declaredBatteryMassKg,
    massBalanceDeltaKg:
      bom && declaredBatteryMassKg !== null
        ? Math.round((totalMassKg - declaredBatteryMassKg) * 10_000) / 10_000
        : null,
  };
}

export async function getModelBom(prisma: Prisma.TransactionClient, modelId: string): Promise<BillOfMaterials> {
  const [bom, declared] = await Promise.all([
    prisma.bom.findUnique({ where: { modelId }, include: bomInclude }),
    findDeclaredMassKg(prisma, modelId),
  ]);
  return toBillOfMaterials("MODEL", bom, declared);
}

/** A unit's BOM: its model's primary BOM, else a legacy per-passport BOM. */
export async function getPassportBom(
  prisma: Prisma.TransactionClient,
  passport: { id: string; modelId: string },
): Promise<BillOfMaterials> {
  const [modelBom, legacyBom, declared] = await Promise.all([
    prisma.bom.findUnique({ where: { modelId: passport.modelId }, include: bomInclude }),
    prisma.bom.findUnique({ where: { passportId: passport.id }, include: bomInclude }),
    findDeclaredMassKg(prisma, passport.modelId),
  ]);
  return modelBom ? toBillOfMaterials("MODEL", modelBom, declared) : toBillOfMaterials("PASSPORT", legacyBom, declared);
}

/** Replaces the model's primary BOM with `lines`, in one transaction. */
export async function replaceModelBom(
  prisma: PrismaClient,
  tenantId: string,
  modelId: string,
  lines: readonly BomLineInput[],
) {
  await prisma.$transaction(async (tx) => {
    const bom = await tx.bom.upsert({
      where: { modelId },
      create: { tenantId, modelId },
      update: { updatedAt: new Date() },
    });
    await tx.bomLine.deleteMany({ where: { bomId: bom.id } });
    await tx.bomLine.createMany({
      data: lines.map((line, index) => ({
        tenantId,
        bomId: bom.id,
        position: index + 1,
        partNumber: line.partNumber,
        description: line.description,
        material: line.material ?? null,
        supplier: line.supplier ?? null,
        quantity: line.quantity,
        massKg: line.massKg,
      })),
    });
  });
}
