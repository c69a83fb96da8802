/**
 * Hardhat node's dev accounts, derived from its published mnemonic: the one list the stack, the
 * seeds, the CLIs' local defaults, the tests and the benches use. Local chain (31337) only; nothing
 * the production server imports.
 */
import { type HDAccount, mnemonicToAccount } from "viem/accounts";

export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/** Dev account #`index` (m/44'/60'/0'/0/index), with its key for signing. */
export function getDevAccount(index: number): HDAccount {
  return mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index });
}

/** #0 deploys the contracts and administers the registry. */
export const DEV_DEPLOYER = getDevAccount(0);
/** #1 is the demo manufacturer's admin wallet (and `pnpm anchor`'s key on the local chain). */
export const DEV_MANUFACTURER = getDevAccount(1);

/** The addresses of #0..#4, which `pnpm dev` funds with TT and gives demo memberships. */
export const DEV_ACCOUNTS = [
  DEV_DEPLOYER.address,
  DEV_MANUFACTURER.address,
  getDevAccount(2).address,
  getDevAccount(3).address,
  getDevAccount(4).address,
] as const;
