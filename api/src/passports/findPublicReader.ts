import { getReaderAccess, type ReaderAccess } from "../attributes/ReaderAccess.ts";
import type { Database } from "../database/Database.ts";
import type { PublicReader } from "../public-reads/servePublicRead.ts";

/** A public read's reader: anonymous, or signed in with the organizations they are a member of. */
export interface PassportReader extends PublicReader {
  /** What this reader may see of a passport of `tenantId` (PUBLIC when anonymous). */
  accessTo(tenantId: string): Promise<ReaderAccess>;
}

/**
 * The reader of a request: a signed-in user's memberships are read at once (alongside the route's own
 * load) and once, however many passports the read concerns.
 */
export function findPublicReader(db: Database, session: { userId: string } | undefined): PassportReader {
  if (!session) return { signedIn: false, accessTo: () => Promise.resolve("PUBLIC") };
  const memberships = db.prisma.membership.findMany({
    where: { userId: session.userId },
    select: { organizationId: true, organization: { select: { kind: true } } },
  });
  // Awaited by accessTo; a read that fails before asking must not leave the rejection unhandled.
  memberships.catch(() => {});
  return {
    signedIn: true,
    accessTo: async (tenantId) => {
      const rows = await memberships;
      return getReaderAccess({
        ownsPassport: rows.some((membership) => membership.organizationId === tenantId),
        organizationKinds: rows.map((membership) => membership.organization.kind),
      });
    },
  };
}
