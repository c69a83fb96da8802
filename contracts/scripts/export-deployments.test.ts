import deployments, { solidityEnums as generatedEnums } from "@a360/contracts/deployments";
import { describe, expect, it } from "vitest";
import { readSolidityEnums } from "./export-deployments.ts";

const solidityEnums = readSolidityEnums();

describe("the enums of @a360/contracts/deployments", () => {
  it("hold every enum of contracts/src with the members of the compiled AST, in order (else run pnpm run compile)", () => {
    expect(generatedEnums).toEqual(Object.fromEntries(solidityEnums));
  });

  it("cover every enum a deployed contract's ABI takes or returns", () => {
    const abiEnums = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (typeof node === "object" && node !== null) {
        const internalType = (node as { internalType?: unknown }).internalType;
        const match = typeof internalType === "string" ? /^enum ([\w.]+)$/.exec(internalType) : null;
        if (match?.[1]) abiEnums.add(match[1]);
        Object.values(node).forEach(visit);
      }
    };
    for (const chain of Object.values(deployments)) for (const contract of Object.values(chain)) visit(contract.abi);
    expect(abiEnums.size).toBeGreaterThan(0);
    expect([...abiEnums].filter((canonicalName) => !solidityEnums.has(canonicalName))).toEqual([]);
  });
});
