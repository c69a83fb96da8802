import { encodeAbiParameters, keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { anchorUid, passportIdOf, passportIdOfUnit, publicIdHashOf, unitIdOf } from "./passportId.ts";

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

describe("passportIdOf", () => {
  const organizationId = keccak256(toHex("org:acme"));

  it("hashes the abi-encoded organisation id and public id hash, as PassportIds.sol does", () => {
    const encoded = encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }],
      [organizationId, keccak256(toHex("BAT-0001"))],
    );
    expect(passportIdOf(organizationId, "BAT-0001")).toBe(keccak256(encoded));
    expect(publicIdHashOf("BAT-0001")).toBe(keccak256(toHex("BAT-0001")));
  });

  it("differs between organisations for one public id", () => {
    expect(passportIdOf(organizationId, "BAT-0001")).not.toBe(passportIdOf(keccak256(toHex("org:b")), "BAT-0001"));
  });

  it("is the unit id as a number", () => {
    expect(unitIdOf(organizationId, "BAT-0001")).toBe(BigInt(passportIdOf(organizationId, "BAT-0001")));
  });
});
