/**
 * The header's navigation. A new page plugs in by adding its entry here (in the order it should
 * appear); `audience: "members"` shows it only to a signed-in wallet with an organization membership.
 * `publicToo` entries also appear in the public shell (/p, /verify), which loads no wallet code.
 */
export interface NavigationItem {
  href: `/${string}`;
  label: string;
  audience?: "members";
  publicToo?: boolean;
}

export const NAVIGATION: readonly NavigationItem[] = [
  { href: "/market", label: "Market", publicToo: true },
  { href: "/units", label: "My units" },
  { href: "/protocol", label: "Protocol", publicToo: true },
  { href: "/workspace", label: "Workspace", audience: "members" },
  { href: "/verify", label: "Verify", publicToo: true },
];

/** Whether `pathname` is the item's page or one below it (the item is then marked current). */
export function isCurrentNavigationItem(item: NavigationItem, pathname: string): boolean {
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
