import { buildPassportTree, type PassportDocument, useWasmKeccak } from "@a360/contracts/passport";
import type { Hex } from "viem";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { type Database, getSqlPool } from "../database/prisma.ts";
import { findPassportRecords } from "../passports/PassportRecord.ts";
import { buildPassportDocument, getDocumentContent } from "./buildPassportDocument.ts";

/** Which pending passports to materialise: a tenant's, or some passports'. */
export type PendingScope = { tenantId: string } | { passportIds: readonly string[] };

interface LatestVersionRow {
  passport_id: string;
  version: number;
  document: PassportDocument;
  salts: Record<string, Hex>;
  root: string;
}

const CHUNK = 2_000;

/**
 * Turns pending marks (set by triggers on values, passports and models) into new passport versions:
 * for each marked passport, the current document is built and, when its content differs from the
 * latest version's, hashed as the next version (non-public entries keep their salts). One query loads
 * the passports, one loads their latest versions, one inserts the new versions, per chunk.
 * Returns how many versions were created.
 */
export async function materialisePassportVersions(db: Database, scope: PendingScope): Promise<number> {
  const pool = getSqlPool(db);
  const [catalogue] = await Promise.all([getAttributeCatalogue(db), useWasmKeccak()]);
  let created = 0;
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query("begin");
      const filter = "tenantId" in scope ? "tenant_id = $1::uuid" : "passport_id = any($1::uuid[])";
      const { rows: pending } = await client.query<{ passport_id: string }>(
        `delete from app.passport_version_pending
          where passport_id in (select passport_id from app.passport_version_pending where ${filter}
                                 order by passport_id limit ${CHUNK} for update skip locked)
          returning passport_id`,
        ["tenantId" in scope ? scope.tenantId : scope.passportIds],
      );
      if (pending.length === 0) {
        await client.query("commit");
        return created;
      }
      const ids = pending.map((row) => row.passport_id);
      const [records, { rows: latest }] = await Promise.all([
        findPassportRecords(db, ids),
        client.query<LatestVersionRow>(
          `select distinct on (passport_id) passport_id, version, document, salts, root
             from app.passport_version where passport_id = any($1::uuid[])
            order by passport_id, version desc`,
          [ids],
        ),
      ]);
      const latestByPassport = new Map(latest.map((row) => [row.passport_id, row]));
      const rows: Array<[string, string, number, string, string, string, string | null, string]> = [];
      for (const record of records) {
        const previous = latestByPassport.get(record.id);
        const version = (previous?.version ?? 0) + 1;
        const document = buildPassportDocument(record, catalogue, version, previous?.root ?? null);
        if (previous && getDocumentContent(previous.document) === getDocumentContent(document)) continue;
        const tree = buildPassportTree(document, new Map(Object.entries(previous?.salts ?? {})));
        const salts = Object.fromEntries(
          tree.entries.filter((entry) => entry.access !== "public").map((entry) => [entry.key, entry.salt]),
        );
        rows.push([
          record.tenantId,
          record.id,
          version,
          JSON.stringify(document),
          JSON.stringify(salts),
          tree.root,
          previous?.root ?? null,
          JSON.stringify({ nodes: tree.nodes, treeIndexByKey: tree.treeIndexByKey }),
        ]);
      }
      if (rows.length > 0) {
        const column = (index: number) => rows.map((row) => row[index]);
        await client.query(
          `insert into app.passport_version (tenant_id, passport_id, version, document, salts, root, previous_root, entry_tree)
           select * from unnest($1::uuid[], $2::uuid[], $3::int[], $4::jsonb[], $5::jsonb[], $6::text[], $7::text[], $8::jsonb[])
           on conflict (passport_id, version) do nothing`,
          [column(0), column(1), column(2), column(3), column(4), column(5), column(6), column(7)],
        );
      }
      await client.query("commit");
      created += rows.length;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
