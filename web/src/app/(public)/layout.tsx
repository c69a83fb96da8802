import type { ReactNode } from "react";
import { PublicShell } from "../../shell/PublicShell";
import { PublicProviders } from "./PublicProviders";

/** Pages a phone opens from a QR code or a link: server-rendered frame, no wallet code. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <PublicShell>
      <PublicProviders>{children}</PublicProviders>
    </PublicShell>
  );
}
