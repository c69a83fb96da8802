import { AnchoringPanel } from "../../../anchoring/AnchoringPanel";
import { WalletButton } from "../../../wallet/WalletButton";
import styles from "../../page.module.css";

export const metadata = { title: "Anchoring · A360 Exchange" };

export default function AnchoringPage() {
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <span className={styles.brand}>A360 Exchange · manufacturer workspace</span>
        <WalletButton />
      </header>
      <main className={styles.main}>
        <AnchoringPanel />
      </main>
    </div>
  );
}
