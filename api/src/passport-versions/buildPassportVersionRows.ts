import { buildPassportTreeNodes, type PassportDocument } from "@a360/contracts/passport";
import type { Hex } from "viem";

/** A new passport version before it is hashed: its document and what it keeps from the previous version. */
export interface PassportVersionDraft {
  tenantId: string;
  passportId: string;
  document: PassportDocument;
  /** The previous version's salts: entries that keep their key keep their salt. */
  previousSalts: Record<string, Hex> | undefined;
  previousRoot: string | null;
}

/**
 * Hashes each draft with the shared passport module (salted entry tree, kept as its nodes) and
 * returns the rows to insert as one JSON array text: `[tenant_id, passport_id, version, document,
 * salts, root, previous_root, entry_tree]` per version, in the drafts' order. Runs in the calling
 * thread or in a worker (passportVersionRowsWorker.ts); both give the same rows for the same salts.
 */
export function buildPassportVersionRows(drafts: readonly PassportVersionDraft[]): string {
  // Each row becomes text as soon as its tree is built, so its nodes die young: one stringify over
  // all the chunk's rows kept them alive long enough to be promoted, and a third of the CPU went to GC.
  const rows = drafts.map((draft) => {
    const tree = buildPassportTreeNodes(draft.document, draft.previousSalts);
    return JSON.stringify([
      draft.tenantId,
      draft.passportId,
      draft.document.version,
      draft.document,
      tree.salts,
      tree.root,
      draft.previousRoot,
      { nodes: tree.nodes, treeIndexByKey: tree.treeIndexByKey },
    ]);
  });
  return `[${rows.join(",")}]`;
}
