import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  formatEther,
  type Hex,
  UserRejectedRequestError,
} from "viem";
import { A360_ERRORS_ABI } from "./a360Contracts";

type Describe = (args: readonly unknown[]) => string;

const at = (seconds: unknown) => new Date(Number(seconds) * 1000).toLocaleString();
const tt = (wei: unknown) => `${formatEther(BigInt(String(wei)))}`;

/**
 * Plain words for the reverts people meet in the dApp. Any other custom error of ours still reads as
 * its name in words with its evidence (see `getA360ErrorMessage`), so a new contract error is never
 * shown as raw data.
 */
const MESSAGES: Partial<Record<string, Describe>> = {
  ERC20InsufficientBalance: (a) => `Your balance (${tt(a[1])}) is below the ${tt(a[2])} this needs.`,
  ERC20InsufficientAllowance: (a) =>
    `The contract may spend only ${tt(a[1])} of your tokens and needs ${tt(a[2])}: approve it first.`,
  ERC721InsufficientApproval: () => "The contract is not approved to move this unit: approve it first.",
  MarketplaceTokenNotAllowed: () => "The marketplace does not accept this payment token.",
  MarketplaceZeroPrice: () => "A price must be above zero.",
  MarketplaceNotUnitOwner: () => "Only the unit's owner can list it, and this wallet does not own it.",
  MarketplacePassportNotAnchored: () =>
    "This unit's passport has no anchored, unrevoked version on chain: its manufacturer must anchor it first.",
  MarketplaceListingNotActive: () => "This listing is no longer for sale (sold or cancelled).",
  MarketplaceNotSeller: () => "Only the seller can cancel this listing.",
  MarketplaceSellerIsBuyer: () => "You cannot buy your own listing.",
  LeaseManagerNotUnitOwner: () => "Only the unit's owner can offer it for lease.",
  LeaseManagerInvalidTerms: () =>
    "The lease terms are not valid: the daily rate and the maximum days must be above zero.",
  LeaseManagerWrongState: () =>
    "The lease is not in the state this needs (it may have been accepted, ended or cancelled).",
  LeaseManagerNotLessor: () => "Only the lessor can do this.",
  LeaseManagerNotLessee: () => "Only the lessee can do this.",
  LeaseManagerInvalidDuration: (a) => `The duration must be between 1 and ${String(a[1])} days.`,
  LeaseManagerStalePrice: () =>
    "The TT price is out of date, so TT collateral cannot be valued now: try again after the oracle posts, or use stable collateral.",
  LeaseManagerInsufficientCollateral: (a) =>
    `The collateral is worth ${tt(a[0])} EUR and must cover ${tt(a[1])} EUR: add more.`,
  LeaseManagerLeaseNotOver: (a) => `The lease runs until ${at(a[1])}.`,
  LeaseManagerClaimWindowClosed: (a) => `The claim window closed at ${at(a[1])}.`,
  LeaseManagerClaimWindowOpen: (a) => `The lessor may still claim until ${at(a[1])}; withdraw after that.`,
  LeaseManagerRepairNotForLease: () => "That repair record is for another unit.",
  LeaseManagerRepairAlreadyClaimed: () => "That repair record already backed a claim.",
  LeaseManagerClaimExceedsCollateral: () => "The claim is larger than the collateral still held.",
  LeaseManagerEmptyClaim: () => "A claim must take some collateral.",
  StakingZeroAmount: () => "Stake an amount above zero.",
  StakingLockupTooShort: (a) => `The lock-up must be at least ${Number(a[1]) / 86_400} days.`,
  StakingNotPositionOwner: () => "This position belongs to another wallet.",
  StakingLockupActive: (a) => `This stake is locked until ${at(a[1])}.`,
  StakingInsufficientStake: (a) => `The position holds ${tt(a[1])} TT, less than the ${tt(a[2])} TT asked for.`,
  PassportRegistryNotManufacturer: (a) =>
    `The connected wallet ${String(a[0])} is not a manufacturer wallet of any organisation: connect your organisation's manufacturer wallet, or ask the registry admin to grant this one.`,
  UnitTokenNotManufacturer: () => "Only a manufacturer wallet can mint units.",
};

/** "MarketplaceListingNotActive" → "Marketplace listing not active". */
function toWords(errorName: string): string {
  const words = errorName.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeRevert(errorName: string, args: readonly unknown[]): string {
  const describe = MESSAGES[errorName];
  if (describe) return describe(args);
  const evidence = args.length > 0 ? ` (${args.map(String).join(", ")})` : "";
  return `The contract refused: ${toWords(errorName)}${evidence}.`;
}

/** The raw revert data somewhere in a viem error's causes, if any. */
function findRevertData(error: BaseError): Hex | undefined {
  let data: Hex | undefined;
  error.walk((cause) => {
    const candidate = (cause as { data?: unknown }).data;
    if (typeof candidate === "string" && /^0x[0-9a-f]{8}/i.test(candidate)) data = candidate as Hex;
    else if (typeof candidate === "object" && candidate !== null && "data" in candidate) {
      const nested = (candidate as { data?: unknown }).data;
      if (typeof nested === "string" && /^0x[0-9a-f]{8}/i.test(nested)) data = nested as Hex;
    }
    return false;
  });
  return data;
}

/**
 * The one decoder of our contract calls' failures: a rejection in the wallet, any of our contracts'
 * custom errors (decoded against all of their ABIs, whichever contract raised it) in plain words, or the
 * error's first line.
 */
export function getA360ErrorMessage(error: unknown): string {
  if (error instanceof BaseError) {
    if (error.walk((cause) => cause instanceof UserRejectedRequestError)) {
      return "You rejected the request in your wallet: nothing was sent.";
    }
    const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
      return describeRevert(reverted.data.errorName, reverted.data.args ?? []);
    }
    const data = findRevertData(error);
    if (data) {
      try {
        const decoded = decodeErrorResult({ abi: A360_ERRORS_ABI, data });
        return describeRevert(decoded.errorName, decoded.args ?? []);
      } catch {
        // Not one of ours: fall through to viem's summary.
      }
    }
    return error.shortMessage;
  }
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
}
