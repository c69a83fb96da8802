import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { ValidationError } from "../errors/ApiError.ts";

export const EXCHANGE_FORMAT = "a360.exchange.v1";

/** The shipped JSON Schema of the format (also served at GET /exchange/a360.exchange.v1.schema.json). */
export const EXCHANGE_SCHEMA: Record<string, unknown> = JSON.parse(
  readFileSync(new URL("./a360.exchange.v1.schema.json", import.meta.url), "utf8"),
);

type UsageUnit = "KM" | "MI" | "HOURS" | "CYCLES";

export interface ExchangeDocument {
  format: typeof EXCHANGE_FORMAT;
  exportedAt: string;
  unit: {
    publicId: string;
    serialNumber: string;
    model: { modelCode: string; name: string; batteryCategory: "EV" | "LMT" | "INDUSTRIAL" | "STATIONARY" };
    lifecycleState: "ORIGINAL" | "REPURPOSED" | "REUSED" | "REMANUFACTURED" | "WASTE";
    productionDate: string | null;
    usageUnit: UsageUnit;
  };
  usage: Array<{ readAt: string; value: number; unit: UsageUnit }>;
  entries: Array<{
    id: string;
    kind: "FUEL" | "CHARGING" | "SERVICE" | "EXPENSE" | "USAGE" | "NOTE";
    source: "OWNER" | "SERVICE_CENTRE" | "IMPORT";
    occurredAt: string;
    title: string;
    category?: string | null;
    amountCents?: number | null;
    currency?: string | null;
    quantity?: number | null;
    quantityUnit?: string | null;
    usageValue?: number | null;
    details?: Record<string, unknown>;
  }>;
  serviceRecords: Array<{
    id: string;
    formHash: string;
    completedAt: string;
    centreName: string;
    totalCents: number;
    currency: string;
    document: Record<string, unknown>;
    repair: { chainId: number; transactionHash: string; repairId: string } | null;
  }>;
  recommendations: Array<{
    id: string;
    title: string;
    dueOn: string | null;
    dueUsage: number | null;
    status: "OPEN" | "DONE" | "DISMISSED";
  }>;
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv, ["date", "date-time"]);
const validate = ajv.compile<ExchangeDocument>(EXCHANGE_SCHEMA);

/** The document as an a360.exchange.v1 unit export, or a 422 listing every place it breaks the schema. */
export function parseExchangeDocument(value: unknown): ExchangeDocument {
  if (validate(value)) return value;
  const issues = (validate.errors ?? []).slice(0, 100).map((error) => ({
    path: error.instancePath || "/",
    message: error.message ?? "is not valid",
  }));
  throw new ValidationError(`the document is not ${EXCHANGE_FORMAT}`, issues);
}
