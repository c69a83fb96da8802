import "@rainbow-me/rainbowkit/styles.css";
import type { ReactNode } from "react";
import { AppShell } from "../../shell/AppShell";
import { Providers } from "./Providers";

/** Every wallet page: wagmi, RainbowKit and the SIWE session around the app's header and footer. */
export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Providers>
      <AppShell>{children}</AppShell>
    </Providers>
  );
}
