import { api, getApiData } from "../api/apiClient";

/** A unit as the api has it now; asked again every 2 s, so a confirmed transaction shows once the indexer has it. */
export function marketUnitQuery(unitId: string) {
  return {
    queryKey: ["market-unit", unitId] as const,
    queryFn: () => getApiData(api.GET("/market/units/{unitId}", { params: { path: { unitId } } })),
    refetchInterval: 2_000,
  };
}
