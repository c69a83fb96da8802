import deployments from "@a360/contracts/deployments";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName } from "viem";

/**
 * Our contracts' names, ABIs and addresses, all from the generated deployments module. Every chain we
 * deploy to carries the same contracts with the same ABIs, so the local chain's entry gives the types.
 */
export type A360Contracts = (typeof deployments)[31337];
export type A360ContractName = keyof A360Contracts;
export type A360Abi<Name extends A360ContractName> = A360Contracts[Name]["abi"];

export type A360ReadFunctionName<Name extends A360ContractName> = ContractFunctionName<A360Abi<Name>, "pure" | "view">;
export type A360WriteFunctionName<Name extends A360ContractName> = ContractFunctionName<
  A360Abi<Name>,
  "nonpayable" | "payable"
>;
export type A360FunctionArgs<
  Name extends A360ContractName,
  Mutability extends "pure" | "view" | "nonpayable" | "payable",
  FunctionName extends ContractFunctionName<A360Abi<Name>, Mutability>,
> = ContractFunctionArgs<A360Abi<Name>, Mutability, FunctionName>;

const byChain: Partial<Record<number, A360Contracts>> = deployments;

/** Contract `name` on chain `chainId` (address and ABI), or undefined when that chain has none. */
export function findA360Contract<Name extends A360ContractName>(
  chainId: number | undefined,
  name: Name,
): { address: Address; abi: A360Abi<Name> } | undefined {
  const contract = chainId === undefined ? undefined : byChain[chainId]?.[name];
  return contract ? { address: contract.address, abi: contract.abi } : undefined;
}

/** Every custom error of every contract we deploy: one ABI to decode any revert, whichever contract raised it. */
export const A360_ERRORS_ABI: Abi = (() => {
  const seen = new Map<string, Abi[number]>();
  for (const contract of Object.values(deployments[31337])) {
    for (const item of contract.abi as Abi) {
      if (item.type === "error") seen.set(`${item.name}(${item.inputs.map((input) => input.type).join(",")})`, item);
    }
  }
  return [...seen.values()];
})();
