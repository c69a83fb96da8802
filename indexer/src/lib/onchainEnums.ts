/**
 * Names of the contracts' Solidity enums, in declaration order, so an event's `uint8` becomes the
 * label stored in the mirror. The same lists define the Postgres enums in ponder.schema.ts.
 */
export const STAKE_ROLES = ["MarketMaker", "ServiceProvider", "Oracle"] as const;
export const FEE_KINDS = ["Sale", "Lease", "Repair", "Attestation"] as const;
export const REPAIR_DECISIONS = ["Repaired", "PartsReplaced", "Refurbished", "Unrepairable"] as const;

export type StakeRole = (typeof STAKE_ROLES)[number];
export type FeeKind = (typeof FEE_KINDS)[number];
export type RepairDecision = (typeof REPAIR_DECISIONS)[number];

/** The label of enum value `value`; throws for a value the ABI does not know (a newer contract). */
export function getEnumLabel<const Labels extends readonly string[]>(labels: Labels, value: number): Labels[number] {
  const label = labels[value];
  if (label === undefined) throw new Error(`enum value ${value} is not one of ${labels.join(", ")}`);
  return label;
}
