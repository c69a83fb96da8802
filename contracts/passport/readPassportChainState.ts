import type { Address, Hex, PublicClient } from "viem";
import deployments from "../generated/deployments.ts";
import type { PassportDisclosure } from "./PassportDisclosure.ts";
import type { PassportChainState } from "./verifyDisclosedPassport.ts";

const registryAbi = deployments[31337].PassportRegistry.abi;

/** The PassportRegistry the deployments module names for `chainId`, if any. */
export function findPassportRegistry(chainId: number): { address: Address; deployedOnBlock: bigint } | undefined {
  const deployed = (deployments as Record<string, { PassportRegistry?: { address: string; deployedOnBlock: number } }>)[
    String(chainId)
  ]?.PassportRegistry;
  return deployed
    ? { address: deployed.address as Address, deployedOnBlock: BigInt(deployed.deployedOnBlock) }
    : undefined;
}

/**
 * Reads from the chain, and from nothing else, what {verifyDisclosedPassport} needs about one
 * disclosed version: its batch, the contract's own proof check, revocations, and later anchors of
 * the same passport. `registry` defaults to the deployments module's registry for the chain's id.
 * Throws when the chain cannot be read (the caller reports "chain unreachable").
 */
export async function readPassportChainState(
  client: PublicClient,
  disclosure: PassportDisclosure,
  options: { registry?: Address; fromBlock?: bigint } = {},
): Promise<PassportChainState> {
  const chainId = await client.getChainId();
  const known = findPassportRegistry(chainId);
  const registry = options.registry ?? known?.address;
  const state: PassportChainState = {
    chainId,
    registry: registry ?? "0x0000000000000000000000000000000000000000",
    batch: null,
    organizationName: "",
    batchEvent: null,
    isInBatchByContract: null,
    versionRevocationTime: 0n,
    laterAnchors: [],
    supersedingBatch: null,
  };
  const anchor = disclosure.anchor;
  if (!registry || !anchor) return state;
  const fromBlock = options.fromBlock ?? known?.deployedOnBlock ?? 0n;
  const contract = { address: registry, abi: registryAbi } as const;
  const getBatch = async (root: Hex) => {
    const [batch, revocationTime] = await client.readContract({ ...contract, functionName: "getBatch", args: [root] });
    return {
      attester: batch.attester,
      organizationId: batch.organisationId,
      time: batch.time,
      leafCount: batch.leafCount,
      revocationTime,
    };
  };

  const [batch, isInBatch, versionAnchor, batchLogs, passportLogs] = await Promise.all([
    getBatch(anchor.batchRoot),
    client.readContract({
      ...contract,
      functionName: "verifyPassportInBatch",
      args: [
        anchor.batchRoot,
        disclosure.passportId,
        BigInt(disclosure.version),
        disclosure.passportRoot,
        anchor.batchProof,
      ],
    }),
    client.readContract({
      ...contract,
      functionName: "getPassportAnchor",
      args: [disclosure.passportId, BigInt(disclosure.version)],
    }),
    client.getContractEvents({
      ...contract,
      eventName: "PassportBatchAnchored",
      args: { root: anchor.batchRoot },
      fromBlock,
    }),
    client.getContractEvents({
      ...contract,
      eventName: "PassportAnchored",
      args: { passportId: disclosure.passportId },
      fromBlock,
    }),
  ]);
  state.batch = batch;
  if (batch.time !== 0n) {
    state.organizationName = await client.readContract({
      ...contract,
      functionName: "organisationName",
      args: [batch.organizationId],
    });
  }
  state.isInBatchByContract = isInBatch;
  // A per-passport record of this very version (recordBatchedVersion or a single anchor) can be revoked alone.
  if (versionAnchor.time !== 0n && versionAnchor.hash === disclosure.passportRoot) {
    state.versionRevocationTime = versionAnchor.revocationTime;
  }
  const batchLog = batchLogs[0];
  if (batchLog) {
    state.batchEvent = {
      blockNumber: batchLog.blockNumber,
      transactionHash: batchLog.transactionHash,
      logIndex: batchLog.logIndex,
    };
  }
  const ourBlock = state.batchEvent?.blockNumber ?? 0n;
  const laterRoots = passportLogs.filter(
    (log) => log.args.root !== anchor.batchRoot && log.blockNumber > ourBlock && log.args.root !== undefined,
  );
  state.laterAnchors = await Promise.all(
    laterRoots.map(async (log) => ({
      batchRoot: log.args.root as Hex,
      blockNumber: log.blockNumber,
      revocationTime: (await getBatch(log.args.root as Hex)).revocationTime,
    })),
  );
  if (disclosure.supersededBy) {
    const superseding = await getBatch(disclosure.supersededBy.batchRoot);
    state.supersedingBatch = { time: superseding.time, revocationTime: superseding.revocationTime };
  }
  return state;
}
