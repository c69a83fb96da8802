import { notFound } from "next/navigation";
import { connection } from "next/server";
import { createServerApiClient } from "../../../../../api/apiClient";
import { getServerApiUrl } from "../../../../../api/getServerApiUrl";
import { MarketUnitView } from "../../../../../market/MarketUnitView";

export const metadata = { title: "Unit" };

/** One unit: its passport summary and history, and what the connected wallet can do with it. */
export default async function MarketUnitPage({ params }: { params: Promise<{ unitId: string }> }) {
  await connection();
  const { unitId } = await params;
  if (!/^\d{1,78}$/.test(unitId)) notFound();
  const { data, response } = await createServerApiClient(getServerApiUrl()).GET("/market/units/{unitId}", {
    params: { path: { unitId } },
  });
  if (response.status === 404) notFound();
  return <MarketUnitView unitId={unitId} initialUnit={data} />;
}
