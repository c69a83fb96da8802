"use client";

import { type UseReadContractReturnType, useChainId, useReadContract } from "wagmi";
import {
  type A360Abi,
  type A360ContractName,
  type A360FunctionArgs,
  type A360ReadFunctionName,
  findA360Contract,
} from "./a360Contracts";

type ArgumentsOrUndefined<Args> = Args extends readonly unknown[]
  ? { [Index in keyof Args]: Args[Index] | undefined }
  : Args;

/**
 * A typed read of one of our contracts by name (the Scaffold-ETH 2 shape): the function's name and
 * arguments are checked against the generated ABI, the address comes from the deployments module for
 * the wallet's chain, and nothing is asked while an argument is still undefined.
 */
export function useA360Read<Name extends A360ContractName, FunctionName extends A360ReadFunctionName<Name>>(params: {
  contractName: Name;
  functionName: FunctionName;
  /** Each argument may be undefined while the page is still finding it: nothing is read until all are set. */
  args?: ArgumentsOrUndefined<A360FunctionArgs<Name, "pure" | "view", FunctionName>>;
  enabled?: boolean;
  /** Asks again every this many milliseconds (a value that moves with time or blocks). */
  refetchInterval?: number;
}) {
  const chainId = useChainId();
  const contract = findA360Contract(chainId, params.contractName);
  const args = (params.args ?? []) as readonly unknown[];
  const hasEveryArgument = args.every((argument) => argument !== undefined);
  // wagmi cannot infer through the generic contract name; the result type is restated from the same ABI.
  return useReadContract({
    address: contract?.address,
    abi: contract?.abi,
    functionName: params.functionName,
    args: params.args as readonly unknown[] | undefined,
    chainId,
    query: {
      enabled: contract !== undefined && hasEveryArgument && (params.enabled ?? true),
      refetchInterval: params.refetchInterval,
    },
  }) as UseReadContractReturnType<A360Abi<Name>, FunctionName, A360FunctionArgs<Name, "pure" | "view", FunctionName>>;
}
