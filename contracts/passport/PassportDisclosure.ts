import type { Address, Hex } from "viem";
import type { JsonValue } from "./canonicalJson.ts";
import type { AttributeAccess } from "./PassportDocument.ts";

export const DISCLOSURE_SCHEMA = "a360.passport-disclosure.v2";

/** One disclosed entry of a passport version: everything needed to check it against the version's root alone. */
export interface DisclosedEntry {
  key: string;
  value: JsonValue;
  access: AttributeAccess;
  salt: Hex;
  proof: Hex[];
}

/** Where the api says a passport version's batch root is on chain. The verifier checks every field. */
export interface BatchAnchorClaim {
  chainId: number;
  registry: Address;
  batchRoot: Hex;
  /** Proof of the leaf `[passportId, version, passportRoot]` into `batchRoot`. */
  batchProof: Hex[];
  blockNumber: string | null;
  transactionHash: Hex | null;
  logIndex: number | null;
}

/** A later anchored version the api knows of; the verifier checks it against the chain before naming it. */
export interface SupersedingVersionClaim {
  version: number;
  passportRoot: Hex;
  batchRoot: Hex;
  batchProof: Hex[];
}

/**
 * What a reader is shown of one passport version, with proofs (`a360.passport-disclosure.v2`).
 * `entries` hold what this reader may see; the rest of the tree stays hidden behind its salts.
 */
export interface PassportDisclosure {
  schema: typeof DISCLOSURE_SCHEMA;
  publicId: string;
  /** The issuing organisation's on-chain id, as the api claims it; the verifier holds it to the batch's organisation. */
  organizationId: Hex;
  /** `passportIdOf(organizationId, publicId)`. */
  passportId: Hex;
  version: number;
  passportRoot: Hex;
  previousRoot: Hex | null;
  entries: DisclosedEntry[];
  /** Null while the version is not anchored. */
  anchor: BatchAnchorClaim | null;
  /** The newest version the manufacturer holds off chain (anchored or not); above `version` means changed since. */
  currentVersion: number;
  supersededBy: SupersedingVersionClaim | null;
}
