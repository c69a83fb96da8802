import type { Prisma } from "../../generated/prisma/client.ts";
import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { StoredAttributeValue } from "../attributes/AttributeDefinition.ts";
import { upsertAttributeValues } from "../attributes/AttributeValueStore.ts";
import { findHolderProblem } from "../attributes/checkAttributeWrites.ts";
import { parseAttributeValue } from "../attributes/parseAttributeValue.ts";

/**
 * Copies each reference pack's baseline attributes onto the models provisioned from it. Values a
 * model already has are kept: the manufacturer's own entry wins over the datasheet.
 */
export async function copyReferenceBaselines(
  tx: Prisma.TransactionClient,
  catalogue: AttributeCatalogue,
  tenantId: string,
  models: ReadonlyArray<{ id: string; referenceCode: string | null }>,
): Promise<void> {
  const codes = [...new Set(models.map((model) => model.referenceCode).filter((code) => code !== null))];
  if (codes.length === 0) return;
  const references = await tx.lmtReferenceBattery.findMany({ where: { code: { in: codes } } });
  const baselines = new Map<string, Array<{ attributeId: number; stored: StoredAttributeValue }>>();
  for (const reference of references) {
    const values = Object.entries(reference.baselineAttributes as Record<string, unknown>).map(([key, value]) => {
      const definition = catalogue.findByKey(key);
      const parsed =
        definition && !findHolderProblem(definition, "MODEL") ? parseAttributeValue(definition, { value }) : undefined;
      if (!definition || !parsed?.ok)
        throw new Error(`reference ${reference.code} has a bad baseline value for ${key}`);
      return { attributeId: definition.id, stored: parsed.stored };
    });
    baselines.set(reference.code, values);
  }
  const rows = models.flatMap((model) =>
    (model.referenceCode ? (baselines.get(model.referenceCode) ?? []) : []).map((value) => ({
      holderId: model.id,
      ...value,
    })),
  );
  await upsertAttributeValues(tx, tenantId, "MODEL", rows, "keep");
}
