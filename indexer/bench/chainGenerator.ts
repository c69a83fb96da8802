/**
 * Fills a fresh Hardhat node (protocol deployed) with a mixed protocol history: units minted,
 * anchored, repaired, listed and sold, lease offers, stakes, prices, transfers, reward funding and
 * Merkle batches with per-passport events. Transactions are sent with automine off and mined in
 * blocks of many transactions, as on a real chain.
 */
import deployments from "@a360/contracts/deployments";
import { publicIdHashOf, unitIdOf } from "@a360/contracts/passport";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  type Hex,
  keccak256,
  maxUint256,
  parseEther,
  toHex,
  zeroHash,
} from "viem";

const protocol = deployments["31337"];
type ContractName = keyof typeof protocol;

interface Call {
  from: Address;
  contract: ContractName;
  functionName: string;
  args: unknown[];
  gas?: bigint;
}

export class ChainGenerator {
  private sent: Hex[] = [];
  private queued: unknown[] = [];

  constructor(
    private readonly rpcUrl: string,
    private readonly accounts: Address[],
  ) {}

  static async connect(rpcUrl: string): Promise<ChainGenerator> {
    const accounts = (await rpc(rpcUrl, "eth_accounts", [])) as Address[];
    return new ChainGenerator(rpcUrl, accounts);
  }

  /** Queues a transaction; `flush` sends the queue as one JSON-RPC batch, which the node runs in order. */
  send(call: Call): void {
    const { address, abi } = protocol[call.contract];
    const data = encodeFunctionData({ abi: abi as Abi, functionName: call.functionName, args: call.args });
    this.queued.push({ from: call.from, to: address, data, gas: toHex(call.gas ?? 600_000n) });
  }

  async flush(): Promise<void> {
    if (this.queued.length === 0) return;
    const batch = this.queued.map((transaction, id) => ({
      jsonrpc: "2.0",
      id,
      method: "eth_sendTransaction",
      params: [transaction],
    }));
    this.queued = [];
    const response = await fetch(this.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batch),
    });
    const results = (await response.json()) as Array<{ id: number; result?: Hex; error?: { message: string } }>;
    for (const result of results.sort((a, b) => a.id - b.id)) {
      if (result.error) throw new Error(`eth_sendTransaction: ${result.error.message}`);
      this.sent.push(result.result!);
    }
  }

  /** Mines until every transaction sent so far is in a block; returns how many of them reverted. */
  async mineAll(): Promise<number> {
    await this.flush();
    const last = this.sent.at(-1);
    if (last === undefined) return 0;
    while ((await rpc(this.rpcUrl, "eth_getTransactionReceipt", [last])) === null) {
      await rpc(this.rpcUrl, "evm_mine", []);
    }
    const sample = this.sent.filter((_, index) => index % 25 === 0);
    let reverted = 0;
    for (const hash of sample) {
      const receipt = (await rpc(this.rpcUrl, "eth_getTransactionReceipt", [hash])) as { status: Hex } | null;
      if (receipt?.status !== "0x1") reverted++;
    }
    this.sent = [];
    return reverted;
  }

  async setAutomine(enabled: boolean): Promise<void> {
    await rpc(this.rpcUrl, "evm_setAutomine", [enabled]);
  }

  /** Roles and balances the rounds need. */
  async prepare(): Promise<void> {
    const [admin, ...others] = this.accounts as [Address, ...Address[]];
    const participants = others.slice(0, 9);
    for (const account of participants) {
      this.send({
        from: admin,
        contract: "TTToken",
        functionName: "transfer",
        args: [account, parseEther("10000000")],
      });
      this.send({ from: account, contract: "DevStableToken", functionName: "mint", args: [account, 10n ** 15n] });
      for (const spender of ["Staking", "PassportRegistry", "RepairRegistry", "Marketplace", "LeaseManager"] as const) {
        this.send({
          from: account,
          contract: "TTToken",
          functionName: "approve",
          args: [protocol[spender].address, maxUint256],
        });
      }
      this.send({
        from: account,
        contract: "UnitToken",
        functionName: "setApprovalForAll",
        args: [protocol.Marketplace.address, true],
      });
      this.send({
        from: account,
        contract: "UnitToken",
        functionName: "setApprovalForAll",
        args: [protocol.LeaseManager.address, true],
      });
    }
    this.send({
      from: admin,
      contract: "TTToken",
      functionName: "approve",
      args: [protocol.Staking.address, maxUint256],
    });
    for (const [index, maker] of participants.slice(0, 3).entries()) {
      this.send({
        from: admin,
        contract: "PassportRegistry",
        functionName: "grantManufacturer",
        args: [maker, keccak256(toHex(`bench-org-${index}`))],
      });
    }
    this.send({
      from: participants[3]!,
      contract: "Staking",
      functionName: "stake",
      args: [1, parseEther("5000"), 604_800],
    });
    this.send({
      from: participants[4]!,
      contract: "Staking",
      functionName: "stake",
      args: [2, parseEther("5000"), 604_800],
    });
    await this.mineAll();
  }

  /** One round of `units` unit lifecycles plus one 100-passport batch; ≈ 345 events per 10 units. */
  async round(round: number, units: number): Promise<void> {
    const [admin, m1, m2, m3, provider, reporter, buyer, a, b] = this.accounts as Address[] as [
      Address,
      Address,
      Address,
      Address,
      Address,
      Address,
      Address,
      Address,
      Address,
    ];
    const makers = [m1, m2, m3];
    for (let i = 0; i < units; i++) {
      const maker = makers[i % 3]!;
      const publicId = `bench-${round}-${i}`;
      const unitId = unitIdOf(keccak256(toHex(`bench-org-${i % 3}`)), publicId);
      const passportRoot = keccak256(toHex(`${publicId}-v1`));
      const passportProof = {
        publicIdHash: publicIdHashOf(publicId),
        version: 1n,
        passportRoot,
        batchRoot: zeroHash,
        proof: [],
      };
      // Every round opens exactly `units` leases and listings, in order, so their ids are known.
      const sequenceId = BigInt(round * units + i + 1);
      this.send({ from: maker, contract: "UnitToken", functionName: "mint", args: [maker, publicId] });
      this.send({
        from: maker,
        contract: "PassportRegistry",
        functionName: "anchorPassport",
        args: [publicIdHashOf(publicId), 1n, passportRoot, zeroHash],
      });
      this.send({
        from: a,
        contract: "TTToken",
        functionName: "transfer",
        args: [b, BigInt(round * 1000 + i + 1)],
      });
      this.send({
        from: b,
        contract: "DevStableToken",
        functionName: "transfer",
        args: [a, BigInt(round * 1000 + i + 1)],
      });
      this.send({ from: a, contract: "Staking", functionName: "stake", args: [i % 3, parseEther("1"), 604_800] });
      this.send({
        from: provider,
        contract: "RepairRegistry",
        functionName: "recordRepair",
        args: [unitId, keccak256(toHex(`${publicId}-form`)), i % 4],
      });
      this.send({
        from: maker,
        contract: "LeaseManager",
        functionName: "createLeaseOffer",
        args: [unitId, 1_000_000n, 10, 1_000_000n],
      });
      this.send({ from: maker, contract: "LeaseManager", functionName: "cancelLeaseOffer", args: [sequenceId] });
      this.send({
        from: maker,
        contract: "Marketplace",
        functionName: "createListing",
        args: [unitId, protocol.TTToken.address, parseEther("10"), passportProof],
      });
      this.send({ from: buyer, contract: "Marketplace", functionName: "buy", args: [sequenceId, passportProof] });
      this.send({
        from: reporter,
        contract: "PriceOracle",
        functionName: "postPrice",
        args: [parseEther("1") + BigInt(i)],
      });
      if (i % 10 === 9) {
        const ids = Array.from({ length: 100 }, (_, item) => keccak256(toHex(`${publicId}-batch-${item}`)));
        this.send({
          from: maker,
          contract: "PassportRegistry",
          functionName: "anchorBatch",
          args: [keccak256(toHex(`${publicId}-root`)), 100, ids],
          gas: 3_000_000n,
        });
        this.send({ from: admin, contract: "Staking", functionName: "fundRewards", args: [parseEther("3")] });
      }
      // A small mempool keeps the node fast: it re-checks pending transactions on every send.
      if (i % 5 === 4) await this.mineAll();
    }
  }
}

export async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}
