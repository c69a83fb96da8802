import type { BatteryCategory } from "../../generated/prisma/enums.ts";
import type { EffectiveAttribute } from "./EffectiveAttribute.ts";

/**
 * The regulation has no threshold: a passport is COMPLETE when every attribute mandatory for its
 * battery category has a value, INCOMPLETE otherwise (the share filled is shown as progress only).
 */
export type CompletenessStatus = "COMPLETE" | "INCOMPLETE";

export interface PassportCompleteness {
  batteryCategory: BatteryCategory;
  mandatoryCount: number;
  presentCount: number;
  /** 0..100, one decimal: progress, not a verdict (99.96 % shows as 100.0 and is still INCOMPLETE). */
  completenessPct: number;
  status: CompletenessStatus;
  missingKeys: string[];
}

export function getCompletenessPct(presentCount: number, mandatoryCount: number): number {
  if (mandatoryCount === 0) return 100;
  return Math.round((presentCount / mandatoryCount) * 1000) / 10;
}

export function getCompletenessStatus(presentCount: number, mandatoryCount: number): CompletenessStatus {
  return presentCount >= mandatoryCount ? "COMPLETE" : "INCOMPLETE";
}

/**
 * Which attributes mandatory for the passport's battery category are filled, counting inherited
 * and derived values (a unit is not incomplete for what its model declares).
 */
export function getPassportCompleteness(
  effective: readonly EffectiveAttribute[],
  batteryCategory: BatteryCategory,
): PassportCompleteness {
  const mandatory = effective.filter(({ definition }) => definition.mandatoryFor.includes(batteryCategory));
  const missingKeys = mandatory.filter(({ value }) => value === null).map(({ definition }) => definition.key);
  const presentCount = mandatory.length - missingKeys.length;
  return {
    batteryCategory,
    mandatoryCount: mandatory.length,
    presentCount,
    completenessPct: getCompletenessPct(presentCount, mandatory.length),
    status: getCompletenessStatus(presentCount, mandatory.length),
    missingKeys,
  };
}
