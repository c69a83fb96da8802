import type pg from "pg";
import { MIRROR_TABLES } from "./mirrorComparison.ts";

/** Every row of every mirror table, in a stable order, for comparing two indexer runs. */
export async function readMirrorSnapshot(db: pg.Client, schema: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of MIRROR_TABLES) {
    const result = await db.query(`select t::text as row from "${schema}"."${table}" t order by t::text`);
    snapshot[table] = result.rows.map((row: { row: string }) => row.row);
  }
  return snapshot;
}

export async function countMirrorRows(db: pg.Client, schema: string, table: string): Promise<number> {
  const result = await db.query(`select count(*)::int as count from "${schema}"."${table}"`).catch(() => undefined);
  return result?.rows[0]?.count ?? 0;
}
