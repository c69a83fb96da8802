import { type Hex, hexToBytes, numberToHex, stringToBytes } from "viem";
import { keccakHex } from "./standardTree.ts";

/** `keccak256(bytes(publicId))`: what anchorBatch, anchorPassport and recordBatchedVersion take for a passport. */
export function publicIdHashOf(publicId: string): Hex {
  return keccakHex(stringToBytes(publicId));
}

/**
 * The on-chain id of a passport of organisation `organizationId` (bytes32, see organizationIdOf):
 * `keccak256(abi.encode(organizationId, keccak256(bytes(publicId))))`, as PassportIds.sol derives it.
 * The registry and the unit token derive it from the caller's organisation, so no other organisation
 * can anchor, record or mint under it. The same hash, as a uint256, is the passport's unit token id.
 */
export function passportIdOf(organizationId: Hex, publicId: string): Hex {
  return passportIdOfHash(organizationId, publicIdHashOf(publicId));
}

/** {passportIdOf} from the public id's hash. */
export function passportIdOfHash(organizationId: Hex, publicIdHash: Hex): Hex {
  const encoded = new Uint8Array(64);
  encoded.set(hexToBytes(organizationId, { size: 32 }), 0);
  encoded.set(hexToBytes(publicIdHash, { size: 32 }), 32);
  return keccakHex(encoded);
}

/** The unit token id of a passport (UnitToken.unitIdOf): its passport id as a uint256. */
export function unitIdOf(organizationId: Hex, publicId: string): bigint {
  return BigInt(passportIdOf(organizationId, publicId));
}

/** The passport id of a unit: the unit token id as `bytes32` (UnitToken.passportIdOf). */
export function passportIdOfUnit(unitId: bigint): Hex {
  return numberToHex(unitId, { size: 32 });
}

/**
 * The registry's anchor uid of a passport version: `keccak256(abi.encode(passportId, version))`.
 * `abi.encode` of a `bytes32` and a `uint64` is the id followed by the version left-padded to 32
 * bytes, so the encoding is spelt out here (viem's `encodeAbiParameters` costs more than the hash).
 */
export function anchorUid(passportId: Hex, version: bigint): Hex {
  return keccakHex(hexToBytes(`${passportId}${version.toString(16).padStart(64, "0")}`));
}
