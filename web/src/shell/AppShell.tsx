import type { ReactNode } from "react";
import { AppHeader } from "./AppHeader";
import styles from "./Shell.module.css";
import { SiteFooter } from "./SiteFooter";

/** The frame of every wallet page: skip link, header with navigation and wallet, main, footer. */
export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className={styles.frame}>
      <a className={styles.skipLink} href="#main">
        Skip to content
      </a>
      <AppHeader />
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
