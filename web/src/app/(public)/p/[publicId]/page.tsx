import { notFound } from "next/navigation";
import { createServerApiClient } from "../../../../api/apiClient";
import { getServerApiUrl } from "../../../../api/getServerApiUrl";
import { PassportVerification } from "../../../../passport/PassportVerification";

export const metadata = { title: "Battery passport" };

/**
 * The QR target: anyone, signed in or not, sees the passport and its check against the chain. The server
 * answers 404 for an id the api does not know; the disclosure itself is read and checked in the browser,
 * so the verdict never rests on this server.
 */
export default async function PublicPassportPage({
  params,
  searchParams,
}: {
  params: Promise<{ publicId: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { publicId } = await params;
  const { version } = await searchParams;
  // openapi-fetch reads the whole answer (a body left unread would hold the render open).
  const known = await createServerApiClient(getServerApiUrl())
    .GET("/public/passports/{publicId}", { params: { path: { publicId } } })
    .then(({ response }) => response.status !== 404)
    .catch(() => true);
  if (!known) notFound();
  return <PassportVerification publicId={publicId} version={version} />;
}
