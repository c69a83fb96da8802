import pg from "pg";
import { inject } from "vitest";

/**
 * Runs statements as the server's superuser on the run's database, for what the api role may not
 * do itself: stand in for the indexer's views schema, or look at roles.
 */
export async function runAsAdmin<T extends pg.QueryResultRow = pg.QueryResultRow>(
  statements: Array<string | [string, unknown[]]>,
): Promise<pg.QueryResult<T>[]> {
  const client = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await client.connect();
  try {
    const results: pg.QueryResult<T>[] = [];
    for (const statement of statements) {
      const [text, values] = typeof statement === "string" ? [statement, []] : statement;
      results.push(await client.query<T>(text, values));
    }
    return results;
  } finally {
    await client.end();
  }
}
