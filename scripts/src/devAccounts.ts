/**
 * Hardhat node's dev accounts, derived from its published mnemonic: the one list the stack, the
 * seeds, the CLIs' local defaults, the tests and the benches use. Local chain (31337) only; nothing
 * the production server imports.
 */
import { bytesToHex, type Hex } from "viem";
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

/**
 * #3 is also the demo service centre's service-provider wallet: staked in RepairRegistry's role by
 * the seed, its key given to the api as REPAIR_SIGNER_KEYS so completed repairs land on chain.
 */
export const DEV_SERVICE_PROVIDER = getDevAccount(3);
/** #5 owns the demo garage (units, logs, a booking); #6 is the demo centre's mechanic. */
export const DEV_OWNER = getDevAccount(5);
export const DEV_MECHANIC = getDevAccount(6);
/** #7 administers the demo energy community's operator; #8 is a prosumer member of the community. */
export const DEV_COMMUNITY_OPERATOR = getDevAccount(7);
export const DEV_COMMUNITY_MEMBER = getDevAccount(8);

/** A dev account's private key (local chain only): what a configuration variable would hold. */
export function getDevPrivateKey(account: HDAccount): Hex {
  const key = account.getHdKey().privateKey;
  if (!key) throw new Error(`dev account ${account.address} has no private key`);
  return bytesToHex(key);
}

/** The addresses of #0..#4, which `pnpm dev` funds with TT and gives demo memberships. */
export const DEV_ACCOUNTS = [
  DEV_DEPLOYER.address,
  DEV_MANUFACTURER.address,
  getDevAccount(2).address,
  getDevAccount(3).address,
  getDevAccount(4).address,
] as const;
