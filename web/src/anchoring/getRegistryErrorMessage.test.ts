import deployments from "@a360/contracts/deployments";
import {
  type ContractErrorArgs,
  type ContractErrorName,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  UserRejectedRequestError,
} from "viem";
import { describe, expect, it } from "vitest";
import { getRegistryErrorMessage } from "./getRegistryErrorMessage";

const { abi } = deployments[31337].PassportRegistry;
const WALLET = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ROOT = `0x${"ab".repeat(32)}` as const;

/** The error simulateContract throws for a revert with `errorName(args)`. */
function revertOf<Name extends ContractErrorName<typeof abi>>(
  errorName: Name,
  args: ContractErrorArgs<typeof abi, Name>,
) {
  const data = encodeErrorResult({ abi, errorName, args });
  const reverted = new ContractFunctionRevertedError({ abi, data, functionName: "revokeBatch" });
  return new ContractFunctionExecutionError(reverted, { abi, functionName: "revokeBatch", args: [ROOT] });
}

describe("getRegistryErrorMessage", () => {
  it("names the wallet that is not a manufacturer wallet", () => {
    expect(getRegistryErrorMessage(revertOf("PassportRegistryNotManufacturer", [WALLET]))).toContain(
      `${WALLET} is not a manufacturer wallet`,
    );
  });

  it("says the wallet anchors for another organisation", () => {
    const error = revertOf("PassportRegistryWrongOrganisation", [ROOT, `0x${"01".repeat(32)}`, `0x${"02".repeat(32)}`]);
    expect(getRegistryErrorMessage(error)).toContain("manufacturer wallet of another organisation");
  });

  it("says when a batch was already revoked", () => {
    expect(getRegistryErrorMessage(revertOf("PassportRegistryBatchRevoked", [ROOT, 1_767_225_600n]))).toContain(
      "already revoked on chain (2026-01-01T00:00:00.000Z)",
    );
  });

  it("says a rejection in the wallet sent nothing", () => {
    const error = new ContractFunctionExecutionError(new UserRejectedRequestError(new Error("denied")), {
      abi,
      functionName: "revokeBatch",
      args: [ROOT],
    });
    expect(getRegistryErrorMessage(error)).toContain("rejected the transaction");
  });

  it("gives the first line of any other error", () => {
    expect(getRegistryErrorMessage(new Error("revokeBatch reverted in 0x12\nmore"))).toBe(
      "revokeBatch reverted in 0x12",
    );
  });
});
