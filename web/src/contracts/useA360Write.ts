"use client";

import { useCallback, useState } from "react";
import type { Hash, TransactionReceipt } from "viem";
import { useAccount, useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import {
  type A360ContractName,
  type A360FunctionArgs,
  type A360WriteFunctionName,
  findA360Contract,
} from "./a360Contracts";
import { getA360ErrorMessage } from "./getA360ErrorMessage";

/** Where a transaction is, as the page shows it. */
export type TransactionState =
  | { status: "idle" }
  | { status: "simulating"; label: string }
  | { status: "wallet"; label: string }
  | { status: "pending"; label: string; hash: Hash }
  | { status: "confirmed"; label: string; hash: Hash }
  | { status: "failed"; label: string; message: string; hash?: Hash };

export interface A360WriteCall<Name extends A360ContractName, FunctionName extends A360WriteFunctionName<Name>> {
  contractName: Name;
  functionName: FunctionName;
  args: A360FunctionArgs<Name, "nonpayable" | "payable", FunctionName>;
  /** What the page calls this step ("Approve TT", "Buy"). */
  label: string;
}

/**
 * Typed writes to our contracts by name: each call is simulated first (a revert is explained before
 * the wallet opens), then signed in the wallet, then waited for; `state` follows it and a failure
 * carries the reason in plain words (getA360ErrorMessage). Resolves to the receipt, or undefined when
 * the step failed.
 */
export function useA360Write() {
  const config = useConfig();
  const { address, chainId } = useAccount();
  const [state, setState] = useState<TransactionState>({ status: "idle" });

  const write = useCallback(
    async <Name extends A360ContractName, FunctionName extends A360WriteFunctionName<Name>>(
      call: A360WriteCall<Name, FunctionName>,
    ): Promise<TransactionReceipt | undefined> => {
      const { label } = call;
      const contract = findA360Contract(chainId, call.contractName);
      if (!address || !contract) {
        setState({
          status: "failed",
          label,
          message: address
            ? "Your wallet is on a network without A360 contracts: switch it to the A360 network."
            : "Connect a wallet first.",
        });
        return undefined;
      }
      let hash: Hash | undefined;
      try {
        setState({ status: "simulating", label });
        const { request } = await simulateContract(config, {
          address: contract.address,
          abi: contract.abi,
          functionName: call.functionName,
          args: call.args,
          account: address,
          chainId,
        } as Parameters<typeof simulateContract>[1]);
        setState({ status: "wallet", label });
        hash = await writeContract(config, request);
        setState({ status: "pending", label, hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId });
        if (receipt.status !== "success") throw new Error("the transaction reverted on chain");
        setState({ status: "confirmed", label, hash });
        return receipt;
      } catch (error) {
        setState({ status: "failed", label, message: getA360ErrorMessage(error), hash });
        return undefined;
      }
    },
    [address, chainId, config],
  );

  const reset = useCallback(() => setState({ status: "idle" }), []);
  const isBusy = state.status === "simulating" || state.status === "wallet" || state.status === "pending";
  return { write, state, isBusy, reset };
}
