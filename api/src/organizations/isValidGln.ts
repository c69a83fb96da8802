import { hasGs1CheckDigit } from "./hasGs1CheckDigit.ts";

/** GS1 Global Location Number: 13 digits whose last is the GS1 mod-10 check digit. */
export function isValidGln(gln: string): boolean {
  return /^\d{13}$/.test(gln) && hasGs1CheckDigit(gln);
}
