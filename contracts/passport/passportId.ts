import { type Hex, stringToBytes } from "viem";
import { keccakHex } from "./standardTree.ts";

/**
 * The on-chain id of a passport: `keccak256(bytes(publicId))`. The same hash, as a uint256, is the
 * id of the passport's unit token (UnitToken.unitIdOf), so off-chain passport and on-chain unit are
 * one thing.
 */
export function passportIdOf(publicId: string): Hex {
  return keccakHex(stringToBytes(publicId));
}

export function unitIdOf(publicId: string): bigint {
  return BigInt(passportIdOf(publicId));
}
