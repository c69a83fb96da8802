import { requestApi } from "../api/requestApi";

/** PassportBatch of the api (api/ owns the shape). */
export interface PassportBatch {
  id: string;
  root: `0x${string}`;
  leafCount: number;
  status: "PREPARED" | "ANCHORED" | "REVOKED" | "DISCARDED";
  preparedAt: string;
  anchoring: {
    chainId: number;
    registry: string;
    blockNumber: string;
    transactionHash: string;
    logIndex: number;
    anchoredAt: string;
    revokedAt: string | null;
  } | null;
  revocation: {
    blockNumber: string;
    transactionHash: string;
    revokedAt: string;
  } | null;
  anchorCall?: {
    chainId: number | null;
    registry: string | null;
    organizationId: string;
    publicIdHashes: `0x${string}`[];
  };
}

export function preparePassportBatch(organizationId: string): Promise<PassportBatch | undefined> {
  return requestApi<PassportBatch | undefined>(`/api/v1/organizations/${organizationId}/passport-batches`, {
    method: "POST",
  });
}

export async function listPassportBatches(organizationId: string): Promise<PassportBatch[]> {
  return (await requestApi<{ items: PassportBatch[] }>(`/api/v1/organizations/${organizationId}/passport-batches`))
    .items;
}

export function confirmPassportBatch(organizationId: string, batchId: string): Promise<PassportBatch> {
  return requestApi<PassportBatch>(`/api/v1/organizations/${organizationId}/passport-batches/${batchId}/anchoring`, {
    method: "POST",
  });
}

/** Asks the api to record the batch's revocation; it reads the chain itself and answers 409 while none is mined. */
export function recordPassportBatchRevocation(organizationId: string, batchId: string): Promise<PassportBatch> {
  return requestApi<PassportBatch>(`/api/v1/organizations/${organizationId}/passport-batches/${batchId}/revocation`, {
    method: "POST",
  });
}
