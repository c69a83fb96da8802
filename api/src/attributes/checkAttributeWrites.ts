import type { AttributeHolderKind } from "../../generated/prisma/enums.ts";
import type { AttributeCatalogue } from "./AttributeCatalogue.ts";
import type { AttributeDefinition, StoredAttributeValue } from "./AttributeDefinition.ts";
import { parseAttributeValue } from "./parseAttributeValue.ts";

export interface AttributeWriteInput {
  key: string;
  /** `null` clears the holder's value. */
  value: unknown;
  unit?: string | null;
}

export interface AttributeWrite {
  definition: AttributeDefinition;
  /** `null` clears the value. */
  stored: StoredAttributeValue | null;
}

export interface AttributeWriteProblem {
  key: string;
  reason: string;
}

/** Why `definition` cannot be written on `holder`, or undefined when it can. */
export function findHolderProblem(definition: AttributeDefinition, holder: AttributeHolderKind): string | undefined {
  if (definition.derivedFrom !== null) {
    return `${definition.key} is read from ${definition.derivedFrom}; change that field instead`;
  }
  if (holder === "PASSPORT" && definition.isModelLevel) {
    return `${definition.key} is a model-level attribute; write it on the battery model`;
  }
  if (holder === "MODEL" && !definition.isModelLevel && !definition.inheritsFromModel) {
    return `${definition.key} is recorded per battery unit; write it on a passport`;
  }
  return undefined;
}

/**
 * Checks a set of writes for one holder as a whole: every problem is reported, and the caller
 * stores nothing unless there are none.
 */
export function checkAttributeWrites(
  catalogue: AttributeCatalogue,
  holder: AttributeHolderKind,
  inputs: readonly AttributeWriteInput[],
  options: { fromText?: boolean } = {},
): { writes: AttributeWrite[]; problems: AttributeWriteProblem[] } {
  const writes: AttributeWrite[] = [];
  const problems: AttributeWriteProblem[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const definition = catalogue.findByKey(input.key);
    if (!definition) {
      problems.push({ key: input.key, reason: `unknown attribute key ${input.key}` });
      continue;
    }
    if (seen.has(input.key)) {
      problems.push({ key: input.key, reason: `${input.key} is given more than once` });
      continue;
    }
    seen.add(input.key);
    const holderProblem = findHolderProblem(definition, holder);
    if (holderProblem) {
      problems.push({ key: input.key, reason: holderProblem });
      continue;
    }
    if (input.value === null) {
      writes.push({ definition, stored: null });
      continue;
    }
    const parsed = parseAttributeValue(definition, input, options);
    if (parsed.ok) writes.push({ definition, stored: parsed.stored });
    else problems.push({ key: input.key, reason: parsed.reason });
  }
  return { writes, problems };
}
