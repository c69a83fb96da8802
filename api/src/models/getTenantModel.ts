import type { Prisma } from "../../generated/prisma/client.ts";
import { NotFoundError } from "../errors/ApiError.ts";

/** A model of this tenant, or 404: another tenant's model is indistinguishable from none. */
export async function getTenantModel(prisma: Prisma.TransactionClient, tenantId: string, modelId: string) {
  const model = await prisma.batteryModel.findFirst({ where: { id: modelId, tenantId } });
  if (!model) throw new NotFoundError("battery model");
  return model;
}
