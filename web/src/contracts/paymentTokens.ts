import type { Address } from "viem";
import type { TokenDisplay } from "../format/formatTokenAmount";
import { findA360Contract } from "./a360Contracts";

export interface PaymentToken extends TokenDisplay {
  address: Address;
  contractName: "TTToken" | "DevStableToken";
}

/**
 * The tokens our deployment ships (TT and the stable EUR token), as a page shows them. Which of them the
 * marketplace accepts is the contract's rule: it refuses any other with MarketplaceTokenNotAllowed.
 */
export function listPaymentTokens(chainId: number): PaymentToken[] {
  const tokens: PaymentToken[] = [];
  const tt = findA360Contract(chainId, "TTToken");
  if (tt) tokens.push({ address: tt.address, contractName: "TTToken", symbol: "TT", decimals: 18 });
  const stable = findA360Contract(chainId, "DevStableToken");
  if (stable) tokens.push({ address: stable.address, contractName: "DevStableToken", symbol: "EUR", decimals: 6 });
  return tokens;
}

/** How to show an amount of `address` (an unknown token shows as its shortened address, 18 decimals). */
export function findTokenDisplay(chainId: number, address: string): TokenDisplay {
  const token = listPaymentTokens(chainId).find(
    (candidate) => candidate.address.toLowerCase() === address.toLowerCase(),
  );
  return token ?? { symbol: `${address.slice(0, 6)}…`, decimals: 18 };
}
