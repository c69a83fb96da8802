import type { ReactNode } from "react";
import { Brand } from "./Brand";
import { NAVIGATION } from "./navigation";
import styles from "./Shell.module.css";
import { SiteFooter } from "./SiteFooter";

/**
 * The frame of pages anyone opens without a wallet (/p/{publicId} from a QR code, /verify, 404, errors):
 * server-rendered links only, so these pages load no wallet code.
 */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <div className={styles.frame}>
      <a className={styles.skipLink} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Brand />
          <nav className={`${styles.nav} ${styles.navInline}`} aria-label="Main">
            <ul className={`${styles.navList} ${styles.navListInline}`}>
              {NAVIGATION.filter((item) => item.publicToo).map((item) => (
                <li key={item.href}>
                  <a className={styles.navLink} href={item.href}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <a className="button button-secondary" href="/">
            Open the app
          </a>
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
