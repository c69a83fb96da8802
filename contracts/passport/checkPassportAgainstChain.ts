import type { Address, PublicClient } from "viem";
import type { PassportDisclosure } from "./PassportDisclosure.ts";
import { readPassportChainState } from "./readPassportChainState.ts";
import { type PassportVerdict, verifyDisclosedPassport } from "./verifyDisclosedPassport.ts";

/** Reads the chain for `disclosure` and returns the verdict; a chain that cannot be read gives "chain_unreachable". */
export async function checkPassportAgainstChain(
  client: PublicClient,
  disclosure: PassportDisclosure,
  options: { registry?: Address; fromBlock?: bigint } = {},
): Promise<PassportVerdict> {
  if (!disclosure.anchor) return verifyDisclosedPassport(disclosure, { unreachable: "not asked" });
  try {
    const state = await readPassportChainState(client, disclosure, options);
    return verifyDisclosedPassport(disclosure, state);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return verifyDisclosedPassport(disclosure, { unreachable: `the chain could not be read: ${message}` });
  }
}
