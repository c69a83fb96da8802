import deployments, { type ContractName, type Deployments } from "@a360/contracts/deployments";

/** A named contract's address, ABI and block, typed by its name (so viem infers its functions' arguments). */
export type Deployment<Name extends ContractName> = Deployments[keyof Deployments][Name];

function isDeployedChain(chainId: string): chainId is keyof Deployments & string {
  return Object.hasOwn(deployments, chainId);
}

/** The named contract deployed on `chainId`, or undefined when that chain has no deployment of it. */
export function findDeployment<Name extends ContractName>(
  chainId: number,
  contractName: Name,
): Deployment<Name> | undefined {
  const chain = String(chainId);
  return isDeployedChain(chain) ? deployments[chain][contractName] : undefined;
}
