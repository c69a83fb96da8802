import type { Database } from "../database/Database.ts";
import type { ScheduledJob } from "../jobs/JobQueue.ts";

/** A revoked or expired session is kept this long for the audit trail of who was signed in when. */
const SESSION_RETENTION_MS = 7 * 24 * 3_600_000;

/** Deletes expired nonces and sessions that ended more than a week ago; returns how many went. */
export async function purgeExpiredSignIns(
  db: Database,
  now = new Date(),
): Promise<{ nonces: number; sessions: number }> {
  const nonces = await db.prisma.siweNonce.deleteMany({ where: { expiresAt: { lt: now } } });
  const ended = new Date(now.getTime() - SESSION_RETENTION_MS);
  const sessions = await db.prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: ended } }, { revokedAt: { lt: ended } }] },
  });
  return { nonces: nonces.count, sessions: sessions.count };
}

/** Every five minutes: nonces live ten by default, so the table holds at most about three TTLs' worth. */
export function purgeExpiredSignInsJob(db: Database): ScheduledJob {
  return {
    name: "auth.purge-expired-sign-ins",
    cron: "*/5 * * * *",
    run: async () => {
      await purgeExpiredSignIns(db);
    },
  };
}
