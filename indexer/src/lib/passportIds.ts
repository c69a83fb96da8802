import { encodeAbiParameters, type Hex, keccak256, numberToHex } from "viem";

/** The registry's anchor uid of a passport version: `keccak256(abi.encode(passportId, version))`. */
export function anchorUid(passportId: Hex, version: bigint): Hex {
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "uint64" }], [passportId, version]));
}

/** The passport id of a unit: the unit token id as `bytes32` (`UnitToken.passportIdOf`). */
export function passportIdOfUnit(unitId: bigint): Hex {
  return numberToHex(unitId, { size: 32 });
}
