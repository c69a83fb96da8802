import styles from "./Shell.module.css";

/** The footer of every page; plain links, no wallet code. */
export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className={styles.footerInner}>
        <p>A360 Exchange · passports anchored on chain, units traded between wallets.</p>
        <ul className={styles.footerLinks}>
          <li>
            <a href="/verify">Verify a passport</a>
          </li>
          <li>
            <a href="/api/v1/docs">API documentation</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
