import deployments from "@a360/contracts/deployments";
import { DEV_MANUFACTURER, DEV_SERVICE_PROVIDER, getDevPrivateKey } from "@a360/scripts/dev-accounts";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import { type Account, type Address, type Hex, maxUint256 } from "viem";

/** Hardhat's dev key #3: the demo service centre's service-provider wallet (REPAIR_SIGNER_KEYS). Local chain only. */
export const DEV_SERVICE_PROVIDER_KEY: Hex = getDevPrivateKey(DEV_SERVICE_PROVIDER);

const SERVICE_PROVIDER_ROLE = 1;

function clients(rpcUrl: string, account: Account) {
  const { reader, walletOf } = createLocalChainClients(rpcUrl);
  return { reader, writer: walletOf(account) };
}

/**
 * On the local chain, the wallet of `key` stakes RepairRegistry's minimum as a service provider
 * (it needs that much TT) and lets the registry take its repair fees. Does nothing already done.
 */
export async function stakeDevServiceProvider(rpcUrl: string): Promise<Address> {
  const { reader, writer } = clients(rpcUrl, DEV_SERVICE_PROVIDER);
  const { Staking, TTToken, RepairRegistry } = deployments[31337];
  const provider = writer.account.address;
  const minimum = await reader.readContract({
    address: RepairRegistry.address,
    abi: RepairRegistry.abi,
    functionName: "minProviderStake",
  });
  const staked = await reader.readContract({
    address: Staking.address,
    abi: Staking.abi,
    functionName: "hasRoleStake",
    args: [provider, SERVICE_PROVIDER_ROLE, minimum],
  });
  const send = async (hash: Hex) => reader.waitForTransactionReceipt({ hash });
  if (!staked) {
    const lock = await reader.readContract({
      address: Staking.address,
      abi: Staking.abi,
      functionName: "minLockDuration",
    });
    await send(
      await writer.writeContract({
        address: TTToken.address,
        abi: TTToken.abi,
        functionName: "approve",
        args: [Staking.address, minimum],
      }),
    );
    await send(
      await writer.writeContract({
        address: Staking.address,
        abi: Staking.abi,
        functionName: "stake",
        args: [SERVICE_PROVIDER_ROLE, minimum, lock],
      }),
    );
  }
  await send(
    await writer.writeContract({
      address: TTToken.address,
      abi: TTToken.abi,
      functionName: "approve",
      args: [RepairRegistry.address, maxUint256],
    }),
  );
  return provider;
}

/** On the local chain, the demo manufacturer wallet (dev #1, a granted manufacturer) mints the unit of `publicId` to `owner`. */
export async function mintDevUnit(rpcUrl: string, owner: Address, publicId: string): Promise<void> {
  const { reader, writer } = clients(rpcUrl, DEV_MANUFACTURER);
  const { UnitToken } = deployments[31337];
  const hash = await writer.writeContract({
    address: UnitToken.address,
    abi: UnitToken.abi,
    functionName: "mint",
    args: [owner, publicId],
  });
  await reader.waitForTransactionReceipt({ hash });
}
