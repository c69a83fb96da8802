export {
  BATCH_LEAF_TYPES,
  type BatchEntry,
  batchLeafHash,
  buildPassportBatch,
  isPassportInBatch,
  type PassportBatch,
} from "./batchTree.ts";
export { type JsonValue, toCanonicalJson } from "./canonicalJson.ts";
export { checkPassportAgainstChain } from "./checkPassportAgainstChain.ts";
export { organizationIdOf } from "./organizationId.ts";
export {
  type BatchAnchorClaim,
  DISCLOSURE_SCHEMA,
  type DisclosedEntry,
  type PassportDisclosure,
  type SupersedingVersionClaim,
} from "./PassportDisclosure.ts";
export {
  type AttributeAccess,
  IDENTITY_KEYS,
  PASSPORT_SCHEMA,
  type PassportDocument,
  type PassportEntry,
} from "./PassportDocument.ts";
export { anchorUid, passportIdOf, passportIdOfHash, passportIdOfUnit, publicIdHashOf, unitIdOf } from "./passportId.ts";
export {
  buildPassportTree,
  buildPassportTreeNodes,
  documentEntries,
  ENTRY_LEAF_TYPES,
  isEntryInPassport,
  newSalt,
  type PassportTree,
  type PassportTreeNodes,
  type ProvenEntry,
  ZERO_SALT,
} from "./passportTree.ts";
export { findPassportRegistry, readPassportChainState } from "./readPassportChainState.ts";
export {
  buildStandardTree,
  buildStandardTreeNodes,
  getProofFromNodes,
  keccakHex,
  type StandardTree,
  useWasmKeccak,
} from "./standardTree.ts";
export {
  type PassportChainState,
  type PassportIssuer,
  type PassportVerdict,
  type PassportVerdictStatus,
  PREVIOUS_HASH_KEY,
  verifyDisclosedPassport,
} from "./verifyDisclosedPassport.ts";
