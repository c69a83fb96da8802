export {
  type BatchEntry,
  batchLeafHash,
  buildPassportBatch,
  isPassportInBatch,
  type PassportBatch,
} from "./batchTree.ts";
export { type JsonValue, toCanonicalJson } from "./canonicalJson.ts";
export {
  type AttributeAccess,
  IDENTITY_KEYS,
  PASSPORT_SCHEMA,
  type PassportDocument,
  type PassportEntry,
} from "./PassportDocument.ts";
export { passportIdOf, unitIdOf } from "./passportId.ts";
export {
  buildPassportTree,
  documentEntries,
  ENTRY_LEAF_TYPES,
  isEntryInPassport,
  newSalt,
  type PassportTree,
  type ProvenEntry,
  ZERO_SALT,
} from "./passportTree.ts";
