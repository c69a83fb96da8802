import type { Address } from "viem";
import { createSiweMessage } from "viem/siwe";

export const SIGN_IN_STATEMENT = "Sign in to A360 Exchange";

export interface SignInMessageParameters {
  address: Address;
  chainId: number;
  nonce: string;
  /** Where the page is served from; the api checks the message's domain against its own. */
  location: Pick<Location, "host" | "origin">;
  issuedAt?: Date;
}

/** The EIP-4361 message the wallet signs to open a session with the api. */
export function createSignInMessage({ address, chainId, nonce, location, issuedAt }: SignInMessageParameters): string {
  return createSiweMessage({
    domain: location.host,
    uri: location.origin,
    address,
    chainId,
    nonce,
    statement: SIGN_IN_STATEMENT,
    version: "1",
    issuedAt: issuedAt ?? new Date(),
  });
}
