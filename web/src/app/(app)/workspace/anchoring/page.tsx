import { AnchoringPanel } from "../../../../anchoring/AnchoringPanel";

export const metadata = { title: "Anchoring" };

/** `?organization=<id>` names the organization the workspace acts for, so a reload keeps the choice. */
export default async function AnchoringPage({ searchParams }: { searchParams: Promise<{ organization?: string }> }) {
  const { organization } = await searchParams;
  return <AnchoringPanel organizationId={organization} />;
}
