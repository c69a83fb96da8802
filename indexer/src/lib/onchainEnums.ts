/**
 * The contracts' Solidity enums come from `@a360/contracts/deployments` (generated from the
 * compiler's AST): an event's `uint8` becomes the name stored in the mirror, and the same lists
 * define the Postgres enums in ponder.schema.ts.
 */
export {
  ClaimState,
  FeeKind,
  LeaseState,
  ListingState,
  RepairDecision,
  SlashState,
  StakeRole,
} from "@a360/contracts/deployments";

/** The label of enum value `value`; throws for a value the ABI does not know (a newer contract). */
export function getEnumLabel<const Labels extends readonly string[]>(labels: Labels, value: number): Labels[number] {
  const label = labels[value];
  if (label === undefined) throw new Error(`enum value ${value} is not one of ${labels.join(", ")}`);
  return label;
}
