import type { JsonValue } from "@a360/contracts/passport";
import type { BatteryPassSubmodel } from "../attributes/AttributeDefinition.ts";
import type { ReaderAccess } from "../attributes/ReaderAccess.ts";

/** The official schema of each sub-model the export follows (Battery Pass data model v1.2). */
export const BATTERY_PASS_SCHEMAS: Record<BatteryPassSubmodel, { name: string; version: string }> = {
  generalProductInformation: { name: "GeneralProductInformation", version: "1.2.0" },
  carbonFootprint: { name: "CarbonFootprintForBatteries", version: "1.2.0" },
  supplyChainDueDiligence: { name: "SupplyChainDueDiligence", version: "1.2.0" },
  materialComposition: { name: "MaterialComposition", version: "1.2.0" },
  circularity: { name: "Circularity", version: "1.2.0" },
  labeling: { name: "Labeling", version: "1.2.0" },
  performanceAndDurability: { name: "PerformanceAndDurability", version: "1.2.1" },
};

export const BATTERY_PASS_SUBMODELS = Object.keys(BATTERY_PASS_SCHEMAS) as BatteryPassSubmodel[];

/** A passport in the Battery Pass data model's shape, as one reader may see it. */
export type BatteryPassExport = {
  passport: {
    publicId: string;
    readerAccess: ReaderAccess;
    /** `<schema name>@<version>` of each sub-model. */
    schemas: Record<BatteryPassSubmodel, string>;
  };
} & Record<BatteryPassSubmodel, { [property: string]: JsonValue }>;
