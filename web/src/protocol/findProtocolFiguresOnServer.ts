import { createServerApiClient, getApiData } from "../api/apiClient";
import type { components } from "../api/generated/openapi";
import { getServerApiUrl } from "../api/getServerApiUrl";

export type ProtocolFigures = components["schemas"]["ProtocolFigures"];

/** GET /protocol from a server component; undefined when the api or the mirror cannot answer now. */
export async function findProtocolFiguresOnServer(): Promise<ProtocolFigures | undefined> {
  return getApiData(createServerApiClient(getServerApiUrl()).GET("/protocol")).catch(() => undefined);
}
