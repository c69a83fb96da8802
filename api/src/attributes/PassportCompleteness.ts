import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import type { EffectiveAttribute } from "./EffectiveAttribute.ts";

export type ComplianceStatus = "COMPLIANT" | "NON_COMPLIANT";

export interface PassportCompleteness {
  batteryCategory: BatteryCategory;
  mandatoryCount: number;
  presentCount: number;
  /** 0..100, one decimal. */
  completenessPct: number;
  status: ComplianceStatus;
  missingKeys: string[];
}

export function getCompletenessPct(presentCount: number, mandatoryCount: number): number {
  if (mandatoryCount === 0) return 100;
  return Math.round((presentCount / mandatoryCount) * 1000) / 10;
}

export function getComplianceStatus(completenessPct: number, thresholdPct: number): ComplianceStatus {
  return completenessPct >= thresholdPct ? "COMPLIANT" : "NON_COMPLIANT";
}

/**
 * How much of the mandatory set of the passport's battery category is filled, counting inherited
 * and derived values (a unit is not incomplete for what its model declares).
 */
export function getPassportCompleteness(
  effective: readonly EffectiveAttribute[],
  batteryCategory: BatteryCategory,
  thresholdPct: number,
): PassportCompleteness {
  const mandatory = effective.filter(({ definition }) => definition.mandatoryFor.includes(batteryCategory));
  const missingKeys = mandatory.filter(({ value }) => value === null).map(({ definition }) => definition.key);
  const presentCount = mandatory.length - missingKeys.length;
  const completenessPct = getCompletenessPct(presentCount, mandatory.length);
  return {
    batteryCategory,
    mandatoryCount: mandatory.length,
    presentCount,
    completenessPct,
    status: getComplianceStatus(completenessPct, thresholdPct),
    missingKeys,
  };
}
