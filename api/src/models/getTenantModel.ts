import type { Prisma } from "../../generated/prisma/client.ts";
import type { Database } from "../database/prisma.ts";
import { NotFoundError } from "../errors/ApiError.ts";

/** A model of this tenant, or 404: another tenant's model is indistinguishable from none. */
export async function getTenantModel(sql: Database | Prisma.TransactionClient, tenantId: string, modelId: string) {
  const model = await sql.batteryModel.findFirst({ where: { id: modelId, tenantId } });
  if (!model) throw new NotFoundError("battery model");
  return model;
}
