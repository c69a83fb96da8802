import { describe, expect, it } from "vitest";
import { shortenHex } from "./shortenHex";

describe("shortenHex", () => {
  it("keeps the prefix, the first and the last characters of an address", () => {
    expect(shortenHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")).toBe("0xf39F…2266");
  });

  it("leaves a value that is already short untouched", () => {
    expect(shortenHex("0x1234abcd")).toBe("0x1234abcd");
  });
});
