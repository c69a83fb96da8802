import { type Address, createPublicClient, type Hex, http, verifyMessage } from "viem";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { UnauthorizedError } from "../errors/ApiError.ts";

export interface SignInPolicy {
  domains: string[];
  chainIds: number[];
  rpcUrl: string;
}

export interface VerifiedSignIn {
  address: Address;
  chainId: number;
  nonce: string;
}

/**
 * Checks an EIP-4361 message and its signature: the domain is one of ours, the chain is one we
 * serve, the times hold, and the address signed it (an EOA by recovery, else a contract wallet by
 * ERC-1271/6492 through the chain). The nonce is checked by the caller, after this succeeds.
 */
export async function verifySignIn(policy: SignInPolicy, message: string, signature: Hex): Promise<VerifiedSignIn> {
  const parsed = parseSiweMessage(message);
  if (!parsed.address || !parsed.nonce || !parsed.chainId || !parsed.domain) {
    throw new UnauthorizedError("not a Sign-In With Ethereum message");
  }
  if (!policy.domains.includes(parsed.domain)) {
    throw new UnauthorizedError(`sign-in message is for domain ${parsed.domain}, not this site`);
  }
  if (!policy.chainIds.includes(parsed.chainId)) {
    throw new UnauthorizedError(`chain ${parsed.chainId} is not supported`);
  }
  if (!validateSiweMessage({ message: parsed, domain: parsed.domain, time: new Date() })) {
    throw new UnauthorizedError("sign-in message has expired or is not yet valid");
  }
  if (!(await isSignedBy(policy, parsed.address, parsed.chainId, message, signature))) {
    throw new UnauthorizedError("signature does not match the message");
  }
  return { address: parsed.address, chainId: parsed.chainId, nonce: parsed.nonce };
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
