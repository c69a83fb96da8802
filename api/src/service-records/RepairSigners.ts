import { type Hex, isHex } from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";

/**
 * The service-provider wallets whose keys the api holds to record repairs on chain, by address
 * (lower case). Keys come from configuration (REPAIR_SIGNER_KEYS), never from the database.
 */
export class RepairSigners {
  readonly #accounts = new Map<string, PrivateKeyAccount>();

  constructor(keys: readonly string[]) {
    for (const key of keys) {
      if (!isHex(key) || key.length !== 66)
        throw new Error("REPAIR_SIGNER_KEYS holds something that is not a 32-byte hex key");
      const account = privateKeyToAccount(key as Hex);
      this.#accounts.set(account.address.toLowerCase(), account);
    }
  }

  findSigner(address: string): PrivateKeyAccount | undefined {
    return this.#accounts.get(address.toLowerCase());
  }
}
