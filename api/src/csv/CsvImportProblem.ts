import { ValidationError } from "../errors/ApiError.ts";

/** A row the import refused, by its line in the file (the header is line 1). */
export interface CsvImportProblem {
  line: number;
  reason: string;
}

/** The answer lists this many bad rows at most, so a huge bad file gets a small answer. */
export const MAX_LISTED_PROBLEMS = 100;

/** A reason may quote a cell; a cell may be long. */
const MAX_REASON_LENGTH = 300;

function shorten(reason: string): string {
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
}

/** The whole file is refused: nothing was stored. */
export class CsvImportRejectedError extends ValidationError {
  constructor(problems: CsvImportProblem[]) {
    const listed = problems.length > MAX_LISTED_PROBLEMS ? `; the first ${MAX_LISTED_PROBLEMS} are listed` : "";
    super(
      `the file has ${problems.length} bad row${problems.length === 1 ? "" : "s"}${listed}; nothing was imported`,
      problems.slice(0, MAX_LISTED_PROBLEMS).map(({ line, reason }) => ({ line, reason: shorten(reason) })),
    );
  }
}
