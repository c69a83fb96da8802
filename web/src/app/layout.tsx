import "@rainbow-me/rainbowkit/styles.css";
import "./globals.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "./Providers";

export const metadata: Metadata = {
  title: "A360 Exchange",
  description: "Digital product passports anchored on chain, and a market for the units they describe.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
