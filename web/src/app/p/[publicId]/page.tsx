import { PassportVerification } from "../../../passport/PassportVerification";

export const metadata = { title: "Battery passport · A360 Exchange" };

/** The QR target: anyone, signed in or not, sees the passport and its check against the chain. */
export default async function PublicPassportPage({
  params,
  searchParams,
}: {
  params: Promise<{ publicId: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { publicId } = await params;
  const { version } = await searchParams;
  return <PassportVerification publicId={publicId} version={version} />;
}
