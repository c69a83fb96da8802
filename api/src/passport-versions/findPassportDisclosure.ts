import {
  type AttributeAccess,
  buildPassportTree,
  DISCLOSURE_SCHEMA,
  documentEntries,
  getProofFromNodes,
  organizationIdOf,
  type PassportDisclosure,
  type PassportDocument,
  type ProvenEntry,
  passportIdOf,
  ZERO_SALT,
} from "@a360/contracts/passport";
import { sql } from "kysely";
import type { Address, Hex } from "viem";
import type { ReaderAccess } from "../attributes/ReaderAccess.ts";
import type { Database } from "../database/Database.ts";
import { materialisePassportVersions } from "./materialisePassportVersions.ts";

/** The api's own reading of a version's state; verifiers check the chain themselves. */
export type AnchoringStatus = "anchored" | "not_anchored" | "changed_since_anchoring" | "revoked" | "superseded";

export interface PassportDisclosureView extends PassportDisclosure {
  tenantId: string;
  /** The passport's and its model's row ids (the on-chain `passportId` is the hash of the public id). */
  recordId: string;
  modelId: string;
  status: AnchoringStatus;
  anchoredAt: string | null;
  revokedAt: string | null;
  blockHash: string | null;
}

interface AnchoredVersion {
  version: number;
  root: Hex;
  batch_root: Hex;
  proof: Hex[];
  status: "ANCHORED" | "REVOKED";
  chain_id: number;
  registry_address: Address;
  block_number: string;
  block_hash: string;
  transaction_hash: Hex;
  log_index: number;
  anchored_at: string;
  revoked_at: string | null;
}

interface PassportStateRow {
  id: string;
  tenant_id: string;
  model_id: string;
  public_id: string;
  current_version: number | null;
  is_pending: boolean;
  anchored: AnchoredVersion[];
  /** The version shown: the one asked for, else the latest anchored one, else the latest. */
  version: number | null;
  document: PassportDocument | null;
  salts: Record<string, Hex>;
  root: Hex;
  previous_root: Hex | null;
  entry_tree: EntryTree | null;
}

/** The passport's versions, anchors and pending mark, and the version to show (chosen in SQL): one round trip. */
function selectPassportState(db: Database, publicId: string, requestedVersion: number | undefined) {
  return sql<PassportStateRow>`
  select s.*, v.version, v.document, v.salts, v.root, v.previous_root, v.entry_tree
    from (
  select p.id, p.tenant_id, p.model_id, p.public_id,
         (select max(v.version) from app.passport_version v where v.passport_id = p.id) as current_version,
         exists (select 1 from app.passport_version_pending q where q.passport_id = p.id) as is_pending,
         coalesce((select json_agg(json_build_object(
                     'version', v.version, 'root', v.root, 'batch_root', b.root, 'proof', e.proof, 'status', b.status,
                     'chain_id', b.chain_id, 'registry_address', b.registry_address, 'block_number', b.block_number::text,
                     'block_hash', b.block_hash, 'transaction_hash', b.transaction_hash, 'log_index', b.log_index,
                     'anchored_at', b.anchored_at, 'revoked_at', b.revoked_at)
                     order by v.version desc, b.anchored_at desc)
                     from app.passport_version v
                     join app.passport_batch_entry e on e.version_id = v.id
                     join app.passport_batch b on b.id = e.batch_id and b.status in ('ANCHORED', 'REVOKED')
                    where v.passport_id = p.id), '[]'::json) as anchored
    from app.passport p
   where p.public_id = ${publicId}) s
    left join app.passport_version v
      on v.passport_id = s.id
     and v.version = coalesce(${requestedVersion ?? null}::int, (s.anchored->0->>'version')::int, s.current_version)`.execute(
    db.sql,
  );
}

const VISIBLE: Record<ReaderAccess, readonly AttributeAccess[]> = {
  PUBLIC: ["public"],
  LEGITIMATE_INTEREST: ["public", "legitimate_interest"],
  FULL: ["public", "legitimate_interest", "authority"],
};

/** The version's entries with salts and proofs: stored ones, or rebuilt (and checked) for versions stored without. */
function getProvenEntries(
  stored: { document: PassportDocument; salts: Record<string, Hex>; root: Hex; entry_tree: EntryTree | null },
  visible: readonly AttributeAccess[],
): ProvenEntry[] {
  const tree = stored.entry_tree;
  if (tree) {
    const shown = documentEntries(stored.document).filter((entry) => visible.includes(entry.access));
    return shown.map((entry) => ({
      ...entry,
      salt: entry.access === "public" ? ZERO_SALT : (stored.salts[entry.key] ?? ZERO_SALT),
      proof: getProofFromNodes(tree.nodes, tree.treeIndexByKey[entry.key] ?? 0),
    }));
  }
  const rebuilt = buildPassportTree(stored.document, new Map(Object.entries(stored.salts)));
  if (rebuilt.root !== stored.root)
    throw new Error(`passport ${stored.document.publicId} no longer hashes to its root`);
  return rebuilt.entries.filter((entry) => visible.includes(entry.access));
}

/** A version's entry tree as stored: every node, and each entry's place among them. */
interface EntryTree {
  nodes: Hex[];
  treeIndexByKey: Record<string, number>;
}

async function findPassportState(
  db: Database,
  publicId: string,
  requestedVersion: number | undefined,
): Promise<PassportStateRow | undefined> {
  const query = () => selectPassportState(db, publicId, requestedVersion);
  let row = (await query()).rows[0];
  // A change not yet materialised still counts: make its version now, so "changed since anchoring" holds.
  if (row?.is_pending) {
    await materialisePassportVersions(db, { passportIds: [row.id] });
    row = (await query()).rows[0];
  }
  return row;
}

/**
 * The disclosure of one passport version for a reader: by default the latest anchored version
 * (else the latest version, unanchored), the entries this reader may see with their salts and
 * proofs, the version's proof into its batch root and where that root is on chain.
 */
export async function findPassportDisclosure(
  db: Database,
  publicId: string,
  readerAccess: ReaderAccess | ((tenantId: string) => Promise<ReaderAccess>),
  requestedVersion?: number,
): Promise<PassportDisclosureView | undefined> {
  const state = await findPassportState(db, publicId, requestedVersion);
  if (!state?.document || state.version === null || state.current_version === null) return undefined;
  const latestAnchored = state.anchored[0];
  const version = state.version;
  const stored = { ...state, document: state.document };
  const access = typeof readerAccess === "function" ? await readerAccess(state.tenant_id) : readerAccess;
  const entries = getProvenEntries(stored, VISIBLE[access]);

  const anchoredHere = state.anchored.find((anchored) => anchored.version === version);
  const later = latestAnchored && latestAnchored.version > version ? latestAnchored : undefined;
  const status: AnchoringStatus = !anchoredHere
    ? "not_anchored"
    : anchoredHere.status === "REVOKED"
      ? "revoked"
      : later
        ? "superseded"
        : state.current_version > version
          ? "changed_since_anchoring"
          : "anchored";
  return {
    schema: DISCLOSURE_SCHEMA,
    tenantId: state.tenant_id,
    recordId: state.id,
    modelId: state.model_id,
    publicId: state.public_id,
    organizationId: organizationIdOf(state.tenant_id),
    passportId: passportIdOf(organizationIdOf(state.tenant_id), state.public_id),
    version,
    passportRoot: stored.root,
    previousRoot: stored.previous_root,
    entries: entries.map(({ key, value, access: entryAccess, salt, proof }) => ({
      key,
      value,
      access: entryAccess,
      salt,
      proof,
    })),
    anchor: anchoredHere
      ? {
          chainId: anchoredHere.chain_id,
          registry: anchoredHere.registry_address,
          batchRoot: anchoredHere.batch_root,
          batchProof: anchoredHere.proof,
          blockNumber: anchoredHere.block_number,
          transactionHash: anchoredHere.transaction_hash,
          logIndex: anchoredHere.log_index,
        }
      : null,
    currentVersion: state.current_version,
    supersededBy: later
      ? { version: later.version, passportRoot: later.root, batchRoot: later.batch_root, batchProof: later.proof }
      : null,
    status,
    anchoredAt: anchoredHere?.anchored_at ?? null,
    revokedAt: anchoredHere?.revoked_at ?? null,
    blockHash: anchoredHere?.block_hash ?? null,
  };
}
