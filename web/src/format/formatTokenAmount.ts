import { formatUnits } from "viem";

export interface TokenDisplay {
  decimals: number;
  symbol: string;
  /** Most fraction digits shown; further digits are cut, never rounded up, so a balance is never overstated. */
  maxFractionDigits?: number;
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * Formats an on-chain integer amount (bigint, or the decimal string the api sends) for display,
 * e.g. 1000n * 10n ** 18n with 18 decimals and "TT" → "1,000.0 TT". viem's formatUnits does the
 * exact decimal shift (no Number on the way: it cannot hold 18-decimal amounts exactly); this cuts
 * the fraction and groups the thousands.
 */
export function formatTokenAmount(amount: bigint | string, { decimals, symbol, maxFractionDigits = 4 }: TokenDisplay) {
  const value = typeof amount === "bigint" ? amount : parseIntegerAmount(amount);
  const [signedWhole = "0", fraction = ""] = formatUnits(value, decimals).split(".");
  const negative = signedWhole.startsWith("-");
  const whole = negative ? signedWhole.slice(1) : signedWhole;
  const shownFraction = fraction.slice(0, Math.max(1, maxFractionDigits)).replace(/0+$/, "") || "0";
  const sign = negative ? "-" : "";
  return `${sign}${groupThousands(whole)}.${shownFraction} ${symbol}`;
}

/** Parses a base-10 integer string as the api sends on-chain amounts; anything else throws. */
export function parseIntegerAmount(amount: string): bigint {
  if (!/^-?\d+$/.test(amount)) throw new TypeError(`Not an integer amount: ${JSON.stringify(amount)}`);
  return BigInt(amount);
}
