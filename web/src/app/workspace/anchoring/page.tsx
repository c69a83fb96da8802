import { AnchoringPanel } from "../../../anchoring/AnchoringPanel";
import { WalletButton } from "../../../wallet/WalletButton";
import styles from "../../page.module.css";

export const metadata = { title: "Anchoring · A360 Exchange" };

/** `?organization=<id>` names the organization the workspace acts for, so a reload keeps the choice. */
export default async function AnchoringPage({ searchParams }: { searchParams: Promise<{ organization?: string }> }) {
  const { organization } = await searchParams;
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <span className={styles.brand}>A360 Exchange · manufacturer workspace</span>
        <WalletButton />
      </header>
      <main className={styles.main}>
        <AnchoringPanel organizationId={organization} />
      </main>
    </div>
  );
}
