import { type Hex, keccak256, numberToHex } from "viem";

/**
 * The registry's anchor uid of a passport version: `keccak256(abi.encode(passportId, version))`.
 * `abi.encode` of a `bytes32` and a `uint64` is the id followed by the version left-padded to 32
 * bytes, so the encoding is spelt out here (viem's `encodeAbiParameters` costs more than the hash).
 */
export function anchorUid(passportId: Hex, version: bigint): Hex {
  return keccak256(`${passportId}${version.toString(16).padStart(64, "0")}`);
}

/** The passport id of a unit: the unit token id as `bytes32` (`UnitToken.passportIdOf`). */
export function passportIdOfUnit(unitId: bigint): Hex {
  return numberToHex(unitId, { size: 32 });
}
