import { NotFoundContent } from "../shell/NotFoundContent";
import { PublicShell } from "../shell/PublicShell";

export const metadata = { title: "Not found" };

/** An address that matches no page: the public frame around the 404 (no wallet code). */
export default function NotFound() {
  return (
    <PublicShell>
      <NotFoundContent />
    </PublicShell>
  );
}
