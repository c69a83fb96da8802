import { BaseError, ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError } from "viem";
import { describe, expect, it } from "vitest";
import { A360_ERRORS_ABI } from "./a360Contracts";
import { getA360ErrorMessage } from "./getA360ErrorMessage";

function reverted(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: A360_ERRORS_ABI, errorName, args });
  return new ContractFunctionRevertedError({ abi: A360_ERRORS_ABI, data, functionName: "buy" });
}

describe("getA360ErrorMessage", () => {
  it("puts a known custom error in plain words with its evidence", () => {
    expect(getA360ErrorMessage(reverted("StakingLockupActive", [1n, 0n]))).toMatch(/locked until/);
    expect(getA360ErrorMessage(reverted("MarketplaceSellerIsBuyer", [4n]))).toBe("You cannot buy your own listing.");
  });

  it("decodes an error another contract raised from the raw revert data in the causes", () => {
    const data = encodeErrorResult({ abi: A360_ERRORS_ABI, errorName: "MarketplaceZeroPrice" });
    const error = new BaseError("Execution reverted", { cause: Object.assign(new Error("revert"), { data }) });
    expect(getA360ErrorMessage(error)).toBe("A price must be above zero.");
  });

  it("reads an error it has no words for as its name in words with its arguments", () => {
    expect(getA360ErrorMessage(reverted("FeeRouterInvalidBps", [20_000n]))).toBe(
      "The contract refused: Fee router invalid bps (20000).",
    );
  });

  it("says a rejection in the wallet sent nothing", () => {
    const error = new BaseError("failed", { cause: new UserRejectedRequestError(new Error("User rejected")) });
    expect(getA360ErrorMessage(error)).toMatch(/rejected.*nothing was sent/);
  });

  it("knows every contract's custom errors", () => {
    const names = A360_ERRORS_ABI.map((item) => ("name" in item ? item.name : ""));
    expect(names).toEqual(
      expect.arrayContaining(["MarketplaceNotSeller", "LeaseManagerStalePrice", "StakingZeroAmount"]),
    );
  });
});
