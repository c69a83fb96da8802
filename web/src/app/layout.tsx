import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: { default: "A360 Exchange", template: "%s · A360 Exchange" },
  description: "Digital product passports anchored on chain, and a market for the units they describe.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The document only. Wallet pages get their providers and header from `(app)/layout.tsx`; public pages
 * (`/p`, `/verify`) their wallet-free frame from `(public)/layout.tsx`.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
