import deployments from "@a360/contracts/deployments";
import { describe, expect, it } from "vitest";
import { findDeployment } from "./findDeployment";

describe("findDeployment", () => {
  it("returns the generated deployment of a contract on a deployed chain", () => {
    expect(findDeployment(31337, "TTToken")).toBe(deployments["31337"].TTToken);
  });

  it("returns undefined for a chain with no deployments", () => {
    expect(findDeployment(1, "TTToken")).toBeUndefined();
  });
});
