"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { accountQuery } from "../account/accountQuery";
import { sessionQuery } from "../auth/sessionQuery";
import { WalletButton } from "../wallet/WalletButton";
import { Brand } from "./Brand";
import { isCurrentNavigationItem, NAVIGATION } from "./navigation";
import styles from "./Shell.module.css";

/** The app's header: brand, navigation (a menu button on a phone), the network and the wallet button. */
export function AppHeader() {
  const pathname = usePathname();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const session = useQuery(sessionQuery);
  const account = useQuery(accountQuery(session.data?.address));
  const isMember = (account.data?.memberships.length ?? 0) > 0;
  const items = NAVIGATION.filter((item) => item.audience !== "members" || isMember);

  // A followed link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <header className={styles.header}>
      <div className={styles.headerInner}>
        <Brand />
        <button
          type="button"
          className={styles.menuButton}
          aria-expanded={isMenuOpen}
          aria-controls="main-navigation"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav
          id="main-navigation"
          className={`${styles.nav} ${isMenuOpen ? "" : styles.navClosed}`}
          aria-label="Main"
          data-testid="main-navigation"
        >
          <ul className={styles.navList}>
            {items.map((item) => (
              <li key={item.href}>
                <Link
                  className={styles.navLink}
                  href={item.href}
                  aria-current={isCurrentNavigationItem(item, pathname) ? "page" : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.wallet}>
          <WalletButton />
        </div>
      </div>
    </header>
  );
}
