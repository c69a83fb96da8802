import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { type Parser, parse } from "csv-parse";
import { ApiError, ValidationError } from "../errors/ApiError.ts";

const MAX_RECORD_BYTES = 1024 * 1024;

export interface CsvRow {
  /** Line of the file the row ends on (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export interface CsvFile {
  columns: string[];
  rows: CsvRow[];
}

/** Receives a CSV file as it is parsed: the header once, then each record in file order. */
export interface CsvVisitor {
  /** Trimmed, lower-cased column names. */
  header(columns: string[]): void;
  /** `values[i]` belongs to `columns[i]`; `line` is the line the record ends on. */
  row(line: number, values: string[]): void;
}

/** A CSV file that can be walked once: a request body as it streams in, or rows already in memory. */
export type CsvSource = (visitor: CsvVisitor) => Promise<void>;

/**
 * Streams a CSV request body into `visitor` record by record, without keeping the file: an import
 * checks each row as it arrives. Headers are trimmed and lower-cased.
 */
export function csvBodySource(body: ReadableStream<Uint8Array> | null, maxRows: number): CsvSource {
  return async (visitor) => {
    if (!body) throw new ValidationError("the request has no CSV body");
    await csvStreamSource(Readable.fromWeb(body as WebReadableStream<Uint8Array>), maxRows)(visitor);
  };
}

/**
 * Streams CSV from a Node stream (a request body, a stored file) into `visitor` record by record;
 * `onProgress` hears how many bytes have been parsed after each chunk.
 */
export function csvStreamSource(
  input: Readable,
  maxRows: number,
  onProgress?: (progress: { bytes: number; rows: number }) => void,
): CsvSource {
  return async (visitor) => {
    const parser: Parser = parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
      // One record may not grow without bound (a file with no line break): 1 MiB is 100 long texts.
      max_record_size: MAX_RECORD_BYTES,
    });
    let count = -1;
    let failure: unknown;
    const done = new Promise<void>((resolve, reject) => {
      parser.on("readable", () => {
        try {
          let record: { record: string[]; info: { lines: number } } | null;
          // biome-ignore lint/suspicious/noAssignInExpressions: the stream's read loop
          while ((record = parser.read()) !== null) {
            if (record.record.some((value) => value.includes("\0"))) {
              throw new ValidationError(`line ${record.info.lines} holds a NUL character`, [
                { line: record.info.lines, reason: "holds a NUL character" },
              ]);
            }
            if (count === -1) visitor.header(record.record.map((column) => column.trim().toLowerCase()));
            else visitor.row(record.info.lines, record.record);
            count++;
            if (count > maxRows) throw new ValidationError(`a file may hold at most ${maxRows} rows`);
          }
          onProgress?.({ bytes: parser.info.bytes, rows: Math.max(0, count) });
        } catch (error) {
          failure = error;
          parser.destroy();
          reject(error);
        }
      });
      parser.on("error", (error) => reject(failure ?? error));
      parser.on("end", () => resolve());
    });
    input.on("error", (error) => parser.destroy(error));
    input.pipe(parser);
    try {
      await done;
    } catch (error) {
      input.destroy();
      // A refusal of ours (a bad row, a body over its limit) as it is; anything else is the parser's.
      if (error instanceof ApiError) throw error;
      if (failure !== undefined) throw failure;
      const line = (error as { lines?: number }).lines;
      throw new ValidationError(
        `the CSV cannot be parsed${line ? ` at line ${line}` : ""}: ${(error as Error).message}`,
        [{ line: line ?? 0, reason: (error as Error).message }],
      );
    }
    if (count === -1) visitor.header([]);
  };
}

/** Walks rows already in memory (a seed, a test) as if they were a file. */
export function csvFileSource(file: CsvFile): CsvSource {
  return async (visitor) => {
    visitor.header(file.columns);
    for (const { line, values } of file.rows)
      visitor.row(
        line,
        file.columns.map((column) => values[column] ?? ""),
      );
  };
}

/**
 * Parses a CSV request body as it streams in. Headers are trimmed and lower-cased; the whole file is
 * returned, for imports small enough to validate as a whole in memory (models).
 */
export async function readCsvRows(body: ReadableStream<Uint8Array> | null, maxRows: number): Promise<CsvFile> {
  return collectCsvRows(csvBodySource(body, maxRows));
}

/** Walks a CSV source into memory, for imports small enough to check as a whole (models). */
export async function collectCsvRows(source: CsvSource): Promise<CsvFile> {
  let columns: string[] = [];
  const rows: CsvRow[] = [];
  await source({
    header: (header) => {
      columns = header;
    },
    row: (line, values) => {
      const record: Record<string, string> = {};
      columns.forEach((column, index) => {
        record[column] = values[index] ?? "";
      });
      rows.push({ line, values: record });
    },
  });
  return { columns, rows };
}
