import deployments, { type ContractName, type Deployments } from "@a360/contracts/deployments";

type Deployment = Deployments[keyof Deployments][ContractName];

/** The named contract deployed on `chainId`, or undefined when that chain has no deployment of it. */
export function findDeployment(chainId: number, contractName: ContractName): Deployment | undefined {
  const chainDeployments: Partial<Record<ContractName, Deployment>> | undefined = (
    deployments as Partial<Record<string, Partial<Record<ContractName, Deployment>>>>
  )[String(chainId)];
  return chainDeployments?.[contractName];
}
