"use client";

import { ErrorContent } from "../shell/ErrorContent";
import { PublicShell } from "../shell/PublicShell";

/** A group's layout itself failed: the public frame around the error. */
export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PublicShell>
      <ErrorContent {...props} />
    </PublicShell>
  );
}
