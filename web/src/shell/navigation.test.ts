import { describe, expect, it } from "vitest";
import { isCurrentNavigationItem, NAVIGATION } from "./navigation";

describe("navigation", () => {
  it("marks an item current on its page and below it, not on a page that only shares a prefix", () => {
    const item = { href: "/market", label: "Market" } as const;
    expect(isCurrentNavigationItem(item, "/market")).toBe(true);
    expect(isCurrentNavigationItem(item, "/market/units/7")).toBe(true);
    expect(isCurrentNavigationItem(item, "/marketplace")).toBe(false);
  });

  it("has one entry per page", () => {
    const hrefs = NAVIGATION.map((item) => item.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });
});
