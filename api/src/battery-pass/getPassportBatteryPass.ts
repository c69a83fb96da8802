import type { AttributeCatalogue } from "../attributes/AttributeCatalogue.ts";
import { resolveEffectiveAttributes } from "../attributes/EffectiveAttribute.ts";
import type { ReaderAccess } from "../attributes/ReaderAccess.ts";
import { getDerivedValues, type PassportRecord } from "../passports/PassportRecord.ts";
import type { BatteryPassExport } from "./BatteryPassExport.ts";
import { buildBatteryPass } from "./buildBatteryPass.ts";

/** A passport's Battery Pass export for one reader, from its record (values with their times). */
export function getPassportBatteryPass(
  record: PassportRecord,
  catalogue: AttributeCatalogue,
  readerAccess: ReaderAccess,
  onUnconverted?: (key: string) => void,
): BatteryPassExport {
  const attributes = resolveEffectiveAttributes(catalogue.definitions, {
    modelValues: record.modelValues,
    passportValues: record.passportValues,
    derived: getDerivedValues(record),
  });
  return buildBatteryPass({ publicId: record.publicId, readerAccess, attributes, onUnconverted });
}
