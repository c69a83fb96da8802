import { type Address, createPublicClient, type Hex, http, verifyMessage } from "viem";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { UnauthorizedError, ValidationError } from "../errors/ApiError.ts";

export interface SignInPolicy {
  domains: string[];
  /** Origins the message's `uri` may be on (the web's). */
  origins: string[];
  chainIds: number[];
  rpcUrl: string;
  /** The oldest `issuedAt` taken: a message signed longer ago than a nonce lives is stale. */
  maxAgeSeconds: number;
  /** Is the nonce issued, unexpired and unused? Asked before anything reaches the chain. */
  isNonceOpen(nonce: string): Promise<boolean>;
}

export interface VerifiedSignIn {
  address: Address;
  chainId: number;
  nonce: string;
}

/**
 * The longest signature taken, in hex characters after 0x. An EOA signs 65 bytes; a contract
 * wallet's ERC-1271 signature, or an ERC-6492 one wrapping its deployment, runs to a few kB. Each
 * byte past an EOA's is sent to the chain node, so the bound keeps sign-in from amplifying onto it.
 */
export const MAX_SIGNATURE_HEX_LENGTH = 2 * 8192;
/** Clocks differ: a message may say it was issued this far in our future. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Checks an EIP-4361 message and its signature: the domain and uri are ours, the chain is one we
 * serve, the times hold (issuedAt recent), the nonce is open, and the address signed it (an EOA by
 * recovery, else a contract wallet by ERC-1271/6492 through the chain). Every check that needs no
 * chain runs first: only a message that could sign someone in costs the node a call. The caller
 * consumes the nonce after this succeeds.
 */
export async function verifySignIn(policy: SignInPolicy, message: string, signature: Hex): Promise<VerifiedSignIn> {
  if (signature.length - 2 > MAX_SIGNATURE_HEX_LENGTH) {
    throw new ValidationError(`a signature may be at most ${MAX_SIGNATURE_HEX_LENGTH / 2} bytes`);
  }
  const parsed = parseSiweMessage(message);
  if (!parsed.address || !parsed.nonce || !parsed.chainId || !parsed.domain || !parsed.uri || !parsed.issuedAt) {
    throw new UnauthorizedError("not a Sign-In With Ethereum message");
  }
  if (!policy.domains.includes(parsed.domain)) {
    throw new UnauthorizedError(`sign-in message is for domain ${parsed.domain}, not this site`);
  }
  if (!isOnOrigin(parsed.uri, policy.origins)) {
    throw new UnauthorizedError(`sign-in message's uri ${parsed.uri} is not on this site`);
  }
  if (!policy.chainIds.includes(parsed.chainId)) {
    throw new UnauthorizedError(`chain ${parsed.chainId} is not supported`);
  }
  const now = Date.now();
  const issuedAt = parsed.issuedAt.getTime();
  if (!(issuedAt <= now + CLOCK_SKEW_MS && issuedAt >= now - policy.maxAgeSeconds * 1000 - CLOCK_SKEW_MS)) {
    throw new UnauthorizedError("sign-in message was not issued in the last minutes");
  }
  if (!validateSiweMessage({ message: parsed, domain: parsed.domain, time: new Date(now) })) {
    throw new UnauthorizedError("sign-in message has expired or is not yet valid");
  }
  if (!(await policy.isNonceOpen(parsed.nonce))) {
    throw new UnauthorizedError("nonce is unknown, expired or already used");
  }
  if (!(await isSignedBy(policy, parsed.address, parsed.chainId, message, signature))) {
    throw new UnauthorizedError("signature does not match the message");
  }
  return { address: parsed.address, chainId: parsed.chainId, nonce: parsed.nonce };
}

function isOnOrigin(uri: string, origins: string[]): boolean {
  try {
    const origin = new URL(uri).origin.toLowerCase();
    return origins.some((allowed) => allowed.replace(/\/+$/, "").toLowerCase() === origin);
  } catch {
    return false;
  }
}

async function isSignedBy(
  policy: SignInPolicy,
  address: Address,
  chainId: number,
  message: string,
  signature: Hex,
): Promise<boolean> {
  try {
    if (await verifyMessage({ address, message, signature })) return true;
  } catch {
    // Not an ECDSA signature; a contract wallet may still accept it below.
  }
  try {
    const client = createPublicClient({ transport: http(policy.rpcUrl, { timeout: 5_000 }) });
    if ((await client.getChainId()) !== chainId) return false;
    return await client.verifyMessage({ address, message, signature });
  } catch {
    return false;
  }
}
