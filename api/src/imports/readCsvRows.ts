import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parse } from "csv-parse";
import { ValidationError } from "../errors/ApiError.ts";

export interface CsvRow {
  /** Line of the file the row ends on (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface CsvFile {
  columns: string[];
  rows: CsvRow[];
}

/**
 * Parses a CSV request body as it streams in. Headers are trimmed and lower-cased; the whole file is
 * returned because an import is validated as a whole before anything is stored.
 */
export async function readCsvRows(body: ReadableStream<Uint8Array> | null, maxRows: number): Promise<CsvFile> {
  if (!body) throw new ValidationError("the request has no CSV body");
  let columns: string[] = [];
  const rows: CsvRow[] = [];
  const parser = Readable.fromWeb(body as WebReadableStream<Uint8Array>).pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
      columns: (header: string[]) => {
        columns = header.map((column) => column.trim().toLowerCase());
        return columns;
      },
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      rows.push({ line: info.lines, values: record });
      if (rows.length > maxRows) throw new ValidationError(`a file may hold at most ${maxRows} rows`);
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const line = (error as { lines?: number }).lines;
    throw new ValidationError(
      `the CSV cannot be parsed${line ? ` at line ${line}` : ""}: ${(error as Error).message}`,
      [{ line: line ?? 0, reason: (error as Error).message }],
    );
  }
  return { columns, rows };
}
