import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from "viem";

/**
 * What a person should read when a PassportRegistry call fails: the decoded revert (as the
 * simulation before sending reports it) in words, a rejection in the wallet, or else the error's
 * first line.
 */
export function getRegistryErrorMessage(error: unknown): string {
  if (error instanceof BaseError) {
    if (error.walk((cause) => cause instanceof UserRejectedRequestError)) {
      return "You rejected the transaction in your wallet: nothing was sent.";
    }
    const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data) {
      return describeRegistryRevert(reverted.data.errorName, reverted.data.args ?? []);
    }
    return error.shortMessage;
  }
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
}

function describeRegistryRevert(errorName: string, args: readonly unknown[]): string {
  switch (errorName) {
    case "PassportRegistryNotManufacturer":
      return `The connected wallet ${String(args[0])} is not a manufacturer wallet of any organisation: connect your organisation's manufacturer wallet, or ask the registry admin to grant this one.`;
    case "PassportRegistryWrongOrganisation":
      return "The connected wallet is a manufacturer wallet of another organisation: connect this organisation's manufacturer wallet.";
    case "PassportRegistryBatchRevoked":
      return `This batch was already revoked on chain (${new Date(Number(args[1]) * 1000).toISOString()}).`;
    case "PassportRegistryUnknownBatch":
      return "The chain holds no batch with this root: it has not been anchored on the connected chain.";
    default:
      return `The passport registry refused the transaction: ${errorName}.`;
  }
}
