import deployments from "@a360/contracts/deployments";
import { passportIdOfUnit, unitIdOf } from "@a360/contracts/passport";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import {
  type Abi,
  type Address,
  encodeAbiParameters,
  type Hex,
  keccak256,
  maxUint256,
  type TransactionReceipt,
  toHex,
} from "viem";
import type { HardhatChain } from "./hardhatChain.ts";

export type ContractName = keyof (typeof deployments)[31337];
export const protocol = deployments[31337];

/** Sends protocol transactions from the node's unlocked accounts and reads protocol views. */
export class ProtocolDriver {
  private constructor(
    readonly chain: HardhatChain,
    /** The node's unlocked accounts; #0 deployed the protocol and holds every admin role. */
    readonly accounts: Address[],
  ) {}

  static async create(chain: HardhatChain): Promise<ProtocolDriver> {
    const accounts = (await chain.reader.request({ method: "eth_accounts" } as never)) as Address[];
    return new ProtocolDriver(chain, accounts);
  }

  /** Sends `functionName(args)` to contract `name` from `from`; throws when it reverts. */
  async write(
    from: Address,
    name: ContractName,
    functionName: string,
    args: unknown[] = [],
  ): Promise<TransactionReceipt> {
    const wallet = createLocalChainClients(this.chain.rpcUrl).walletOf(from);
    const { address, abi } = protocol[name];
    const hash = await wallet.writeContract({ address, abi: abi as Abi, functionName, args } as never);
    const receipt = await this.chain.reader.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== "success") throw new Error(`${name}.${functionName} reverted`);
    return receipt;
  }

  async read<T>(name: ContractName, functionName: string, args: unknown[] = []): Promise<T> {
    const { address, abi } = protocol[name];
    return (await this.chain.reader.readContract({ address, abi: abi as Abi, functionName, args })) as T;
  }

  /** Lets `spender` (a protocol contract) pull any amount of TT and stable tokens from `owner`. */
  async approveTokens(owner: Address, spender: ContractName): Promise<void> {
    await this.write(owner, "TTToken", "approve", [protocol[spender].address, maxUint256]);
    await this.write(owner, "DevStableToken", "approve", [protocol[spender].address, maxUint256]);
  }
}

/** The unit id of `publicId` minted by organisation `organisationId` (the passport module's derivation). */
export function unitIdOfPublicId(organisationId: Hex, publicId: string): bigint {
  return unitIdOf(organisationId, publicId);
}

export function passportIdOfUnitId(unitId: bigint): Hex {
  return passportIdOfUnit(unitId);
}

/** A content hash standing in for a passport version's Merkle root. */
export function contentHash(label: string): Hex {
  return keccak256(toHex(label));
}

/** The leaf PassportRegistry.passportLeaf computes (OpenZeppelin StandardMerkleTree encoding). */
export function batchLeaf(passportId: Hex, version: bigint, passportRoot: Hex): Hex {
  return keccak256(
    keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "uint64" }, { type: "bytes32" }],
        [passportId, version, passportRoot],
      ),
    ),
  );
}

/** Root of a two-leaf tree (sorted pair, as MerkleProof hashes it); each leaf's proof is the other leaf. */
export function twoLeafRoot(a: Hex, b: Hex): Hex {
  const [low, high] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
  return keccak256(`0x${low.slice(2)}${high.slice(2)}`);
}
