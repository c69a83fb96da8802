import deployments from "@a360/contracts/deployments";
import { organizationIdOf } from "@a360/contracts/passport";
import { DEV_DEPLOYER } from "@a360/scripts/dev-accounts";
import { createLocalChainClients } from "@a360/scripts/local-chain";
import type { Address } from "viem";

/**
 * On the local chain (31337), the deployer (dev account #0) grants `wallet` as a manufacturer
 * wallet of the tenant, as a registry admin would on a real chain, and registers the tenant's
 * `name` (the issuer name verdicts show) when given. Returns false when the wallet already was one.
 */
export async function grantDevManufacturer(
  rpcUrl: string,
  wallet: Address,
  tenantId: string,
  name?: string,
): Promise<boolean> {
  const { reader: client, walletOf } = createLocalChainClients(rpcUrl);
  const { address, abi } = deployments[31337].PassportRegistry;
  const organizationId = organizationIdOf(tenantId);
  const admin = walletOf(DEV_DEPLOYER);
  const registered = await client.readContract({
    address,
    abi,
    functionName: "organisationName",
    args: [organizationId],
  });
  if (name && registered !== name) {
    const hash = await admin.writeContract({
      address,
      abi,
      functionName: "registerOrganisation",
      args: [organizationId, name],
    });
    await client.waitForTransactionReceipt({ hash });
  }
  const current = await client.readContract({ address, abi, functionName: "organisationOf", args: [wallet] });
  if (current === organizationId) return false;
  const hash = await admin.writeContract({
    address,
    abi,
    functionName: "grantManufacturer",
    args: [wallet, organizationId],
  });
  await client.waitForTransactionReceipt({ hash });
  return true;
}
