import type { TokenDisplay } from "../format/formatTokenAmount";

/** TTToken keeps the ERC-20 default of 18 decimals (contracts/src/TTToken.sol does not override `decimals()`). */
export const TT_DISPLAY: TokenDisplay = { decimals: 18, symbol: "TT", maxFractionDigits: 4 };
