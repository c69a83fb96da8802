/**
 * Worker of PassportVersionRowsPool (a Piscina task): builds the rows of the drafts it is given
 * with buildPassportVersionRows (the shared passport module hashes them) and returns their JSON
 * text; an error fails the task.
 */
import { useWasmKeccak } from "@a360/contracts/passport";
import { buildPassportVersionRows, type PassportVersionDraft } from "./buildPassportVersionRows.ts";

await useWasmKeccak();

export default function buildRows(drafts: PassportVersionDraft[]): string {
  return buildPassportVersionRows(drafts);
}
