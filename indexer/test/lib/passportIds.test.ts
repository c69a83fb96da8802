import { encodeAbiParameters, keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { anchorUid, passportIdOfUnit } from "../../src/lib/passportIds";

describe("anchorUid", () => {
  it("hashes the abi-encoded passport id and version, as PassportRegistry.anchorUid does", () => {
    const passportId = keccak256(toHex("passport"));
    const encoded = encodeAbiParameters([{ type: "bytes32" }, { type: "uint64" }], [passportId, 3n]);
    expect(anchorUid(passportId, 3n)).toBe(keccak256(encoded));
  });

  it("differs between versions of one passport", () => {
    const passportId = keccak256(toHex("passport"));
    expect(anchorUid(passportId, 1n)).not.toBe(anchorUid(passportId, 2n));
  });
});

describe("passportIdOfUnit", () => {
  it("is the unit id as 32 bytes", () => {
    const hash = keccak256(toHex("BAT-0001"));
    expect(passportIdOfUnit(BigInt(hash))).toBe(hash);
  });

  it("keeps leading zeros", () => {
    expect(passportIdOfUnit(1n)).toBe(`0x${"0".repeat(63)}1`);
  });
});
