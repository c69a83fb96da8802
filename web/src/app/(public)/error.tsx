"use client";

import { ErrorContent } from "../../shell/ErrorContent";

/** A page of this group failed: the error inside the group's frame. */
export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorContent {...props} />;
}
