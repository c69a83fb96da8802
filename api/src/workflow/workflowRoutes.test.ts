import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInMember, signInMember } from "../../test/signInMember.ts";
import { createTestApp } from "../../test/testApp.ts";
import { closeDatabase } from "../database/Database.ts";

const { app, db } = await createTestApp();
afterAll(() => closeDatabase(db));

interface Workflow {
  steps: Array<{
    key: string;
    status: string;
    detail: string;
    action: { kind: string; category: string | null } | null;
  }>;
  nextStep: string | null;
}

let admin: SignedInMember;
let org: string;

beforeAll(async () => {
  admin = await signInMember(app, db, "MANUFACTURER");
  org = `/organizations/${admin.organizationId}`;
});

async function createModel(code: string): Promise<string> {
  const response = await admin.request(`${org}/models`, {
    method: "POST",
    body: { modelCode: code, name: code, batteryCategory: "LMT" },
  });
  return ((await response.json()) as { id: string }).id;
}

const workflowOf = async (modelId: string): Promise<Workflow> => {
  const response = await admin.request(`${org}/models/${modelId}/workflow`);
  expect(response.status).toBe(200);
  return (await response.json()) as Workflow;
};
const step = (workflow: Workflow, key: string) => workflow.steps.find((candidate) => candidate.key === key)!;

describe("GET /organizations/{organizationId}/models/{modelId}/workflow", () => {
  it("starts a new model at its passports, with the later steps waiting", async () => {
    const workflow = await workflowOf(await createModel("WF-NEW"));
    expect(workflow.steps.map((candidate) => candidate.key)).toEqual([
      "register_model",
      "passports",
      "carbon_declaration",
      "supplier_data",
      "compliance_check",
      "conformity_assessment",
      "placing_on_market",
    ]);
    expect(workflow.steps.map((candidate) => candidate.status)).toEqual([
      "DONE",
      "TODO",
      "TODO",
      "TODO",
      "BLOCKED",
      "TODO",
      "BLOCKED",
    ]);
    expect(workflow.nextStep).toBe("passports");
    expect(step(workflow, "passports").action?.kind).toBe("create_passports");
  });

  it("moves each step as the organization's data changes", async () => {
    const modelId = await createModel("WF-MOVES");
    await admin.request(`${org}/passports`, { method: "POST", body: { modelId, serialNumber: "WF-1" } });
    await admin.request(`${org}/models/${modelId}/carbon-footprint`, {
      method: "PUT",
      body: {
        performanceClass: "B",
        kgCo2ePerKwh: 70,
        lifecycleStages: {
          rawMaterialAcquisitionPct: 60,
          mainProductionPct: 30,
          distributionPct: 5,
          endOfLifeRecyclingPct: 5,
        },
      },
    });
    await admin.request(`${org}/models/${modelId}/bom`, {
      method: "PUT",
      body: { lines: [{ partNumber: "C-1", description: "Cells", material: "NMC", quantity: 1, massKg: 2 }] },
    });
    await admin.request(`${org}/models/${modelId}/attributes`, {
      method: "PATCH",
      body: { values: [{ key: "label.eu_declaration_of_conformity", value: "https://example.com/doc.pdf" }] },
    });
    const workflow = await workflowOf(modelId);
    expect(step(workflow, "passports").status).toBe("DONE");
    expect(step(workflow, "carbon_declaration").status).toBe("DONE");
    expect(step(workflow, "supplier_data")).toMatchObject({
      status: "IN_PROGRESS",
      action: { kind: "edit_bill_of_materials" },
    });
    expect(step(workflow, "compliance_check").status).toBe("IN_PROGRESS");
    expect(step(workflow, "compliance_check").action?.kind).toBe("edit_model_attributes");
    expect(step(workflow, "conformity_assessment")).toMatchObject({
      status: "IN_PROGRESS",
      action: { kind: "edit_model_attributes", category: "Symbols, labels and documentation of conformity" },
    });
    expect(step(workflow, "placing_on_market").status).toBe("BLOCKED");
    expect(workflow.nextStep).toBe("supplier_data");
  });

  it("answers 404 for another organization's model", async () => {
    const other = await signInMember(app, db, "MANUFACTURER");
    const modelId = await createModel("WF-HIDDEN");
    const response = await other.request(`/organizations/${other.organizationId}/models/${modelId}/workflow`);
    expect(response.status).toBe(404);
  });
});
