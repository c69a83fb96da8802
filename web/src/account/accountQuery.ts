import type { Address } from "viem";
import { getAccount } from "../api/a360Api";

/** The signed-in wallet's account (memberships, TT); one cache entry per address however many components ask. */
export function accountQuery(address: Address | undefined) {
  return {
    queryKey: ["account", address?.toLowerCase()] as const,
    queryFn: () => getAccount(address as Address),
    enabled: address !== undefined,
    staleTime: 10_000,
  };
}
