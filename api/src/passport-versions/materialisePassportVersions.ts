import { type PassportDocument, useWasmKeccak } from "@a360/contracts/passport";
import { sql } from "kysely";
import type { Hex } from "viem";
import { type AttributeCatalogue, getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import type { Database } from "../database/Database.ts";
import { findPassportRecords } from "../passports/PassportRecord.ts";
import { buildPassportDocument, getDocumentContent } from "./buildPassportDocument.ts";
import { buildPassportVersionRows, type PassportVersionDraft } from "./buildPassportVersionRows.ts";
import { PassportVersionRowsPool } from "./PassportVersionRowsPool.ts";

/** Which pending passports to materialise: a tenant's, or some passports'. */
export type PendingScope = { tenantId: string } | { passportIds: readonly string[] };

const CHUNK = 2_000;
/**
 * Chunks of a tenant in flight at once, each on its own connection: while one chunk's trees are
 * built (CPU in this process's worker threads), another's rows are read or written (CPU in Postgres).
 */
const PIPELINE = 2;
/** Fewer new versions than this are hashed in this thread: handing them to workers would cost more. */
const IN_THREAD_VERSIONS = 256;
let versionRowsPool: PassportVersionRowsPool | undefined;

/**
 * Turns pending marks (set by triggers on values, passports and models) into new passport versions:
 * for each marked passport, the current document is built and, when its content differs from the
 * latest version's, hashed as the next version (non-public entries keep their salts). One query loads
 * the passports, one loads their latest versions, one inserts the new versions, per chunk; chunks
 * are claimed with `skip locked`, so several run at once. A big chunk's versions are hashed by worker
 * threads (PassportVersionRowsPool), a few in this thread; a chunk whose hashing fails is rolled back,
 * its passports still pending. Returns how many versions were created.
 */
export async function materialisePassportVersions(db: Database, scope: PendingScope): Promise<number> {
  const [catalogue] = await Promise.all([getAttributeCatalogue(db), useWasmKeccak()]);
  // Some passports (a public read of a changed one) fit one chunk: one connection is enough.
  const pipeline = "tenantId" in scope ? PIPELINE : 1;
  const counts = await Promise.all(Array.from({ length: pipeline }, () => materialiseChunks(db, scope, catalogue)));
  return counts.reduce((sum, count) => sum + count, 0);
}

async function materialiseChunks(db: Database, scope: PendingScope, catalogue: AttributeCatalogue): Promise<number> {
  let created = 0;
  for (;;) {
    const chunk = await db.sql.transaction().execute(async (trx) => {
      const claimed = trx
        .selectFrom("passport_version_pending")
        .select("passport_id")
        .$call((query) =>
          "tenantId" in scope
            ? query.where("tenant_id", "=", scope.tenantId)
            : query.where("passport_id", "=", sql<string>`any(${[...scope.passportIds]}::uuid[])`),
        )
        .orderBy("passport_id")
        .limit(CHUNK)
        .forUpdate()
        .skipLocked();
      const pending = await trx
        .deleteFrom("passport_version_pending")
        .where("passport_id", "in", claimed)
        .returning("passport_id")
        .execute();
      if (pending.length === 0) return undefined;
      // Workers (started once per process) load the passport module while the chunk is read.
      if (pending.length >= IN_THREAD_VERSIONS) getVersionRowsPool().start();
      const ids = pending.map((row) => row.passport_id);
      const [records, latest] = await Promise.all([
        findPassportRecords(db, ids),
        trx
          .selectFrom("passport_version")
          .distinctOn("passport_id")
          .select([
            "passport_id",
            "version",
            sql<PassportDocument>`document`.as("document"),
            sql<Record<string, Hex>>`salts`.as("salts"),
            "root",
          ])
          .where("passport_id", "=", sql<string>`any(${ids}::uuid[])`)
          .orderBy("passport_id")
          .orderBy("version", "desc")
          .execute(),
      ]);
      const latestByPassport = new Map(latest.map((row) => [row.passport_id, row]));
      const drafts: PassportVersionDraft[] = [];
      for (const record of records) {
        const previous = latestByPassport.get(record.id);
        const version = (previous?.version ?? 0) + 1;
        const document = buildPassportDocument(record, catalogue, version, previous?.root ?? null);
        if (previous && getDocumentContent(previous.document) === getDocumentContent(document)) continue;
        drafts.push({
          tenantId: record.tenantId,
          passportId: record.id,
          document,
          previousSalts: previous?.salts,
          previousRoot: previous?.root ?? null,
        });
      }
      if (drafts.length > 0) {
        // One JSON payload for the chunk: Postgres parses it once, where jsonb[] arrays of JSON
        // texts are escaped here and unescaped there before each element is parsed again.
        const rows =
          drafts.length < IN_THREAD_VERSIONS
            ? buildPassportVersionRows(drafts)
            : await getVersionRowsPool().buildRows(drafts);
        await sql`insert into app.passport_version (tenant_id, passport_id, version, document, salts, root, previous_root, entry_tree)
                  select (r->>0)::uuid, (r->>1)::uuid, (r->>2)::int, r->3, r->4, r->>5, r->>6, r->7
                    from jsonb_array_elements(${rows}::jsonb) as r
                  on conflict (passport_id, version) do nothing`.execute(trx);
      }
      return drafts.length;
    });
    if (chunk === undefined) return created;
    created += chunk;
  }
}

/**
 * Starts this process's passport version workers now (once), for a process about to materialise
 * many versions: each worker loads the passport module (about a second of CPU under tsx), which
 * otherwise happens when the first big chunk is read.
 */
export function startPassportVersionWorkers(): void {
  getVersionRowsPool().start();
}

function getVersionRowsPool(): PassportVersionRowsPool {
  versionRowsPool ??= new PassportVersionRowsPool();
  return versionRowsPool;
}
