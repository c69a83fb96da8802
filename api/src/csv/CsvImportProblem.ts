import { ValidationError } from "../errors/ApiError.ts";

/** A row the import refused, by its line in the file (the header is line 1). */
export interface CsvImportProblem {
  line: number;
  reason: string;
}

/** The whole file is refused: nothing was stored. */
export class CsvImportRejectedError extends ValidationError {
  constructor(problems: CsvImportProblem[]) {
    super(`the file has ${problems.length} bad row${problems.length === 1 ? "" : "s"}; nothing was imported`, problems);
  }
}
