import type { JsonValue } from "@a360/contracts/passport";
import type {
  AttributeAccess,
  AttributeBehaviour,
  AttributeValueType,
  BatteryCategory,
} from "../../generated/prisma/enums.ts";

/** Extra checks on top of the value type, kept in the catalogue row's `validation` column. */
export interface AttributeValidation {
  min?: number;
  max?: number;
  allowed?: string[];
}

/** A catalogue entry as the domain code sees it. */
export interface AttributeDefinition {
  id: number;
  key: string;
  name: string;
  category: string;
  subcategory: string | null;
  dinChapter: string | null;
  regulationReference: string | null;
  unit: string | null;
  valueType: AttributeValueType;
  validation: AttributeValidation;
  /** JSON Schema (draft-07) of a STRUCTURED attribute's value; null for every other type. */
  valueSchema: Record<string, unknown> | null;
  /** Where the value goes in the Battery Pass export, or why it goes nowhere. */
  batteryPass: BatteryPassMapping | null;
  access: AttributeAccess;
  behaviour: AttributeBehaviour;
  isModelLevel: boolean;
  inheritsFromModel: boolean;
  /** `passport.<column>` or `model.<column>` when the value is a column, not an attribute_value row. */
  derivedFrom: string | null;
  mandatoryFor: BatteryCategory[];
  voluntaryFor: BatteryCategory[];
  catalogueVersion: string;
}

/** The Battery Pass sub-models, by the export's stable keys. */
export type BatteryPassSubmodel =
  | "generalProductInformation"
  | "carbonFootprint"
  | "supplyChainDueDiligence"
  | "materialComposition"
  | "circularity"
  | "labeling"
  | "performanceAndDurability";

/** The catalogue's `battery_pass` column (see migration 072). */
export type BatteryPassMapping =
  | { submodel: BatteryPassSubmodel; path: string; convert?: string; timed?: boolean }
  | { reason: string };

/** An object or array: the value of a STRUCTURED attribute. */
export type StructuredValue = JsonValue[] | { [key: string]: JsonValue };

/** A stored value: exactly one of the typed columns is set. */
export interface StoredAttributeValue {
  text: string | null;
  numeric: string | null;
  json: StructuredValue | null;
  /** When it was measured (reading-fed values) or written; loaded only by readers that need it. */
  updatedAt?: Date;
}
