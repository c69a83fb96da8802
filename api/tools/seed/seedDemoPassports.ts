import { createHash } from "node:crypto";
import { getAttributeCatalogue } from "../../src/attributes/AttributeCatalogue.ts";
import { upsertAttributeValues } from "../../src/attributes/AttributeValueStore.ts";
import { checkAttributeWrites } from "../../src/attributes/checkAttributeWrites.ts";
import type { Database } from "../../src/database/Database.ts";
import { importBatteryModels } from "../../src/models/importBatteryModels.ts";
import { importPassports } from "../../src/passports/importPassports.ts";

const DEMO_MODELS = [
  { code: "VC-CITY-36-508", name: "Volta City 36V 508Wh", reference: "LMT-VOL-36V-508", units: 120 },
  { code: "VC-TREK-48-880", name: "Volta Trek 48V 880Wh", reference: "LMT-VOL-48V-880", units: 100 },
  { code: "VC-CARGO-36-461", name: "Volta Cargo LFP 36V 461Wh", reference: "LMT-VOL-36V-461", units: 60 },
  { code: "VC-RACK-36-691", name: "Volta Rack 36V 691Wh", reference: "LMT-VOL-36V-691", units: 20 },
];
const READINGS_PER_UNIT = 12;

/** Declared once per model: what a compliance team fills in after provisioning from the datasheet. */
const VOLTA_ADDRESS = { streetAddress: "Annaberger Str. 240", postalCode: "09125", addressCountry: "DE" };
const MODEL_DECLARATIONS: Record<string, unknown> = {
  "id.manufacturer": {
    contactName: "Volta Cells GmbH",
    identifier: "LEI 5299000DEMO0VOLTA01",
    postalAddress: VOLTA_ADDRESS,
    emailAddress: "passport@volta-cells.example",
    webAddress: "https://volta-cells.example",
  },
  "id.manufacturing_place": VOLTA_ADDRESS,
  "id.warranty_period": "2029-12",
  "cf.kg_co2e_per_kwh": 68.4,
  "cf.share_raw_material_pct": 61,
  "cf.share_production_pct": 32,
  "cf.share_distribution_pct": 2,
  "cf.share_end_of_life_pct": 5,
  "cf.performance_class": "B",
  "cf.study_url": "https://volta-cells.example/carbon/study-2026.pdf",
  // None above 0.1 % w/w (REACH SVHC).
  "mat.hazardous_substances": [],
  "circ.pre_consumer_recycled_nickel_pct": 4,
  "circ.pre_consumer_recycled_cobalt_pct": 6,
  "circ.pre_consumer_recycled_lithium_pct": 2,
  "circ.post_consumer_recycled_nickel_pct": 3,
  "circ.post_consumer_recycled_cobalt_pct": 11,
  "circ.post_consumer_recycled_lithium_pct": 4,
  "circ.renewable_content_pct": 9,
  "circ.dismantling_manual": [
    {
      documentType: "DismantlingManual",
      mimeType: "application/pdf",
      documentURL: "https://volta-cells.example/docs/dismantling.pdf",
    },
  ],
  "circ.safety_measures": "https://volta-cells.example/docs/safety.pdf",
  "label.eu_declaration_of_conformity": "https://volta-cells.example/docs/doc.pdf",
};

/**
 * A stable, URL-safe public id per demo unit (so the seed can run again without duplicating); like
 * real ids it never starts with `-` or `_`.
 */
export function getDemoPublicId(serialNumber: string): string {
  const digest = createHash("sha256").update(`a360-demo:${serialNumber}`).digest("base64url").slice(0, 22);
  return digest.replace(/^[-_]/, "d");
}

/**
 * The demo manufacturer's models (provisioned from the LMT reference catalogue), a few hundred
 * passports and their readings. Uses the import paths, which are idempotent, and bulk inserts.
 */
export async function seedDemoPassports(
  db: Database,
  manufacturerId: string,
): Promise<{ passports: number; readings: number }> {
  const catalogue = await getAttributeCatalogue(db);
  await importBatteryModels(db, catalogue, manufacturerId, {
    columns: ["model_code", "name", "battery_category", "reference_code"],
    rows: DEMO_MODELS.map((model, index) => ({
      line: index + 2,
      values: { model_code: model.code, name: model.name, battery_category: "LMT", reference_code: model.reference },
    })),
  });
  const models = await db.prisma.batteryModel.findMany({
    where: { tenantId: manufacturerId, modelCode: { in: DEMO_MODELS.map((m) => m.code) } },
  });
  const { writes, problems } = checkAttributeWrites(
    catalogue,
    "MODEL",
    Object.entries(MODEL_DECLARATIONS).map(([key, value]) => ({ key, value })),
  );
  if (problems.length > 0) throw new Error(`demo declarations refused: ${JSON.stringify(problems)}`);
  await upsertAttributeValues(
    db.prisma,
    manufacturerId,
    "MODEL",
    models.flatMap((model) =>
      writes.map((write) => ({ holderId: model.id, attributeId: write.definition.id, stored: write.stored! })),
    ),
    "keep",
  );

  const units = DEMO_MODELS.flatMap((model) =>
    Array.from({ length: model.units }, (_, index) => {
      const serialNumber = `${model.code}-${String(index + 1).padStart(5, "0")}`;
      const month = String((index % 12) + 1).padStart(2, "0");
      return {
        model_code: model.code,
        serial_number: serialNumber,
        public_id: getDemoPublicId(serialNumber),
        production_date: `2025-${month}-15`,
      };
    }),
  );
  await importPassports(db, manufacturerId, {
    columns: ["public_id", "model_code", "serial_number", "production_date"],
    rows: units.map((values, index) => ({ line: index + 2, values })),
  });

  // Readings: one a month per unit from the month it was produced (the api refuses a reading dated
  // before its unit's production, so the seed must not write one), none in the future; state of
  // health fading and cycles climbing.
  const passports = await db.prisma.passport.findMany({
    where: { tenantId: manufacturerId, publicId: { in: units.map((unit) => unit.public_id) } },
    select: { id: true, productionDate: true },
  });
  const now = Date.now();
  const ids: string[] = [];
  const times: string[] = [];
  const health: number[] = [];
  const cycles: number[] = [];
  const charge: number[] = [];
  const temperature: number[] = [];
  passports.forEach((passport, unit) => {
    const produced = passport.productionDate ?? new Date(Date.UTC(2025, 0, 1));
    for (let month = 0; month < READINGS_PER_UNIT; month++) {
      const measuredAt = Date.UTC(produced.getUTCFullYear(), produced.getUTCMonth() + month, 28, 12);
      if (measuredAt > now) break;
      ids.push(passport.id);
      times.push(new Date(measuredAt).toISOString());
      cycles.push(month * (8 + (unit % 7)));
      health.push(Math.round((100 - month * (0.15 + (unit % 5) * 0.04)) * 100) / 100);
      charge.push(20 + ((unit * 7 + month * 13) % 80));
      temperature.push(12 + ((unit + month) % 18));
    }
  });
  const inserted = await db.prisma.$executeRawUnsafe(
    `insert into app.reading (passport_id, measured_at, tenant_id, state_of_health_pct, cycle_count, state_of_charge_pct, temperature_c)
     select u.passport_id, u.measured_at, $1::uuid, u.soh, u.cycles, u.soc, u.temperature
       from unnest($2::uuid[], $3::timestamptz[], $4::numeric[], $5::int[], $6::numeric[], $7::numeric[])
         as u(passport_id, measured_at, soh, cycles, soc, temperature)
     on conflict (passport_id, measured_at) do nothing`,
    manufacturerId,
    ids,
    times,
    health,
    cycles,
    charge,
    temperature,
  );
  return { passports: passports.length, readings: inserted };
}
