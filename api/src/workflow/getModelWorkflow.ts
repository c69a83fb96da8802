import { sql } from "kysely";
import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import { getAttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { getHolderValues } from "../attributes/AttributeValueStore.ts";
import { getModelCompleteness } from "../completeness/FleetCompleteness.ts";
import type { Database } from "../database/Database.ts";

export const WORKFLOW_STEP_KEYS = [
  "register_model",
  "passports",
  "carbon_declaration",
  "supplier_data",
  "compliance_check",
  "conformity_assessment",
  "placing_on_market",
] as const;
export type WorkflowStepKey = (typeof WORKFLOW_STEP_KEYS)[number];

/** DONE; IN_PROGRESS: started, not complete; TODO: not started; BLOCKED: waits for an earlier step. */
export type WorkflowStepStatus = "DONE" | "IN_PROGRESS" | "TODO" | "BLOCKED";

/**
 * What to do next on a step, by kind; the web turns a kind into its page (and `category` into the
 * catalogue section to open). The api decides which action a step needs, never the web.
 */
export const WORKFLOW_ACTION_KINDS = [
  "create_passports",
  "declare_carbon_footprint",
  "edit_bill_of_materials",
  "edit_model_attributes",
  "review_incomplete_passports",
  "anchor_passports",
] as const;
export type WorkflowActionKind = (typeof WORKFLOW_ACTION_KINDS)[number];

export interface WorkflowStep {
  key: WorkflowStepKey;
  title: string;
  status: WorkflowStepStatus;
  detail: string;
  action: { kind: WorkflowActionKind; label: string; category: string | null } | null;
}

export interface ModelWorkflow {
  modelId: string;
  steps: WorkflowStep[];
  /** The first step not done, or null when the model is on the market. */
  nextStep: WorkflowStepKey | null;
}

const CARBON_KEYS = [
  "cf.performance_class",
  "cf.kg_co2e_per_kwh",
  "cf.share_raw_material_pct",
  "cf.share_production_pct",
  "cf.share_distribution_pct",
  "cf.share_end_of_life_pct",
];
const DUE_DILIGENCE_KEY = "dd.due_diligence_report";
const CONFORMITY_KEYS = ["label.eu_declaration_of_conformity", "label.test_reports"];
const CONFORMITY_CATEGORY = "Symbols, labels and documentation of conformity";
const DUE_DILIGENCE_CATEGORY = "Supply chain due diligence";

const plural = (count: number, noun: string) => `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;

/** Passports of the model, and how many have their latest data anchored on chain (nothing pending). */
async function countAnchoredPassports(db: Database, tenantId: string, modelId: string) {
  const { rows } = await sql<{ total: number; anchored: number }>`
    select count(*)::int as total,
           (count(*) filter (
             where pend.passport_id is null
               and exists (select 1
                             from app.passport_version v
                             join app.passport_batch_entry e on e.version_id = v.id
                             join app.passport_batch b on b.id = e.batch_id and b.status = 'ANCHORED'
                            where v.passport_id = p.id
                              and v.version = (select max(version) from app.passport_version where passport_id = p.id))
           ))::int as anchored
      from app.passport p
      left join app.passport_version_pending pend on pend.passport_id = p.id
     where p.tenant_id = ${tenantId}::uuid and p.model_id = ${modelId}::uuid`.execute(db.sql);
  return rows[0] ?? { total: 0, anchored: 0 };
}

/**
 * The guided workflow of one model, each step's status computed from the organization's data:
 * register the model → passports → carbon declaration → supplier data → compliance check →
 * conformity assessment → placing on the market (every passport's data anchored on chain).
 */
export async function getModelWorkflow(
  db: Database,
  tenantId: string,
  model: { id: string; modelCode: string; batteryCategory: BatteryCategory; referenceCode: string | null },
): Promise<ModelWorkflow> {
  const catalogue = await getAttributeCatalogue(db);
  const [values, bom, completeness, anchoring] = await Promise.all([
    getHolderValues(db.prisma, "MODEL", model.id),
    db.prisma.bom.findUnique({ where: { modelId: model.id }, include: { lines: true } }),
    getModelCompleteness(db, tenantId, model.id),
    countAnchoredPassports(db, tenantId, model.id),
  ]);
  const holds = (key: string) => {
    const definition = catalogue.findByKey(key);
    return definition !== undefined && values.has(definition.id);
  };
  const steps: WorkflowStep[] = [];

  steps.push({
    key: "register_model",
    title: "Register the model",
    status: "DONE",
    detail: model.referenceCode
      ? `${model.modelCode}, provisioned from the LMT reference ${model.referenceCode}`
      : `${model.modelCode} is registered`,
    action: null,
  });

  const passportCount = anchoring.total;
  steps.push({
    key: "passports",
    title: "Create passports",
    status: passportCount > 0 ? "DONE" : "TODO",
    detail: passportCount > 0 ? `${plural(passportCount, "passport")} of this model` : "No unit has a passport yet",
    action:
      passportCount > 0 ? null : { kind: "create_passports", label: "Create or import passports", category: null },
  });

  const carbonHeld = CARBON_KEYS.filter(holds).length;
  steps.push({
    key: "carbon_declaration",
    title: "Declare the carbon footprint",
    status: carbonHeld === CARBON_KEYS.length ? "DONE" : carbonHeld > 0 ? "IN_PROGRESS" : "TODO",
    detail:
      carbonHeld === CARBON_KEYS.length
        ? "Class, kg CO₂e per kWh and the lifecycle stages are declared"
        : `${carbonHeld} of ${CARBON_KEYS.length} declaration fields are filled`,
    action:
      carbonHeld === CARBON_KEYS.length
        ? null
        : { kind: "declare_carbon_footprint", label: "Declare the carbon footprint", category: null },
  });

  const lines = bom?.lines ?? [];
  const linesWithSupplier = lines.filter((line) => line.supplier && line.material).length;
  const dueDiligence = holds(DUE_DILIGENCE_KEY);
  const supplierDone = lines.length > 0 && linesWithSupplier === lines.length && dueDiligence;
  const supplierStarted = lines.length > 0 || dueDiligence;
  steps.push({
    key: "supplier_data",
    title: "Collect supplier data",
    status: supplierDone ? "DONE" : supplierStarted ? "IN_PROGRESS" : "TODO",
    detail: [
      lines.length === 0
        ? "No bill of materials"
        : `${linesWithSupplier} of ${plural(lines.length, "BOM line")} name a supplier and a material`,
      dueDiligence ? "due diligence report linked" : "no due diligence report",
    ].join("; "),
    action: supplierDone
      ? null
      : lines.length === 0 || linesWithSupplier < lines.length
        ? { kind: "edit_bill_of_materials", label: "Complete the bill of materials", category: null }
        : { kind: "edit_model_attributes", label: "Link the due diligence report", category: DUE_DILIGENCE_CATEGORY },
  });

  const missingOnModel = catalogue.definitions.filter(
    (definition) =>
      definition.mandatoryFor.includes(model.batteryCategory) &&
      (definition.isModelLevel || definition.inheritsFromModel) &&
      definition.derivedFrom === null &&
      !values.has(definition.id),
  );
  const allComplete = passportCount > 0 && completeness.completeCount === passportCount;
  steps.push({
    key: "compliance_check",
    title: "Check compliance",
    status: passportCount === 0 ? "BLOCKED" : allComplete ? "DONE" : "IN_PROGRESS",
    detail:
      passportCount === 0
        ? "Waits for passports"
        : `${completeness.completeCount.toLocaleString("en")} of ${plural(passportCount, "passport")} have every attribute mandatory for ${model.batteryCategory} batteries (average ${completeness.averageCompletenessPct} % filled); ${missingOnModel.length} mandatory model attributes are empty`,
    action:
      passportCount === 0 || allComplete
        ? null
        : missingOnModel.length > 0
          ? {
              kind: "edit_model_attributes",
              label: "Fill the model's mandatory attributes",
              category: missingOnModel[0]!.category,
            }
          : { kind: "review_incomplete_passports", label: "Review the incomplete passports", category: null },
  });

  const conformityHeld = CONFORMITY_KEYS.filter(holds).length;
  steps.push({
    key: "conformity_assessment",
    title: "Assess conformity",
    status: conformityHeld === CONFORMITY_KEYS.length ? "DONE" : conformityHeld > 0 ? "IN_PROGRESS" : "TODO",
    detail:
      conformityHeld === CONFORMITY_KEYS.length
        ? "EU declaration of conformity and test reports are linked"
        : `${conformityHeld} of ${CONFORMITY_KEYS.length} documents linked (EU declaration of conformity, test reports)`,
    action:
      conformityHeld === CONFORMITY_KEYS.length
        ? null
        : { kind: "edit_model_attributes", label: "Link the conformity documents", category: CONFORMITY_CATEGORY },
  });

  const ready = allComplete && conformityHeld === CONFORMITY_KEYS.length;
  const allAnchored = passportCount > 0 && anchoring.anchored === passportCount;
  steps.push({
    key: "placing_on_market",
    title: "Place on the market",
    status: !ready ? "BLOCKED" : allAnchored ? "DONE" : anchoring.anchored > 0 ? "IN_PROGRESS" : "TODO",
    detail: !ready
      ? "Waits for the compliance check and the conformity assessment"
      : `${anchoring.anchored.toLocaleString("en")} of ${plural(passportCount, "passport")} have their current data anchored on chain`,
    action:
      ready && !allAnchored
        ? { kind: "anchor_passports", label: "Anchor the passports on chain", category: null }
        : null,
  });

  return { modelId: model.id, steps, nextStep: steps.find((step) => step.status !== "DONE")?.key ?? null };
}
