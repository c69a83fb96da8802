import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { describe, expect, it } from "vitest";
import { createSignInMessage, SIGN_IN_STATEMENT } from "./createSignInMessage";

const address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const issuedAt = new Date("2026-11-22T10:00:00.000Z");
const location = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };

describe("createSignInMessage", () => {
  const message = createSignInMessage({ address, chainId: 31337, nonce: "abcdef12345678", location, issuedAt });
  const parsed = parseSiweMessage(message);

  it("binds the message to the page's host and origin", () => {
    expect(parsed.domain).toBe("127.0.0.1:3000");
    expect(parsed.uri).toBe("http://127.0.0.1:3000");
  });

  it("carries the address, chain id and the api's nonce", () => {
    expect(parsed.address).toBe(address);
    expect(parsed.chainId).toBe(31337);
    expect(parsed.nonce).toBe("abcdef12345678");
  });

  it("states what signing does", () => {
    expect(parsed.statement).toBe(SIGN_IN_STATEMENT);
  });

  it("is a valid EIP-4361 message for that domain", () => {
    expect(
      validateSiweMessage({
        message: parsed,
        address,
        domain: "127.0.0.1:3000",
        nonce: "abcdef12345678",
        time: issuedAt,
      }),
    ).toBe(true);
  });
});
