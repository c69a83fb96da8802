import { AccountSection } from "../account/AccountSection";
import { WalletButton } from "../wallet/WalletButton";
import styles from "./page.module.css";

export default function HomePage() {
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <span className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">
            A360
          </span>
          Exchange
        </span>
        <WalletButton />
      </header>

      <main className={styles.main}>
        <section className={styles.intro}>
          <h1>A360 Exchange</h1>
          <p>
            A360 Exchange keeps a digital product passport for every serialised unit a manufacturer builds — batteries
            first, then vehicles and energy assets — and anchors each passport version on chain, so anyone can check it
            without trusting our servers. Units can be leased or sold between wallets, service centres record their work
            against them, and stakers back the market with the TT token.
          </p>
        </section>

        <AccountSection />
      </main>

      <footer className={styles.footer}>A360 Exchange · walking skeleton</footer>
    </div>
  );
}
