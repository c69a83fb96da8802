/**
 * Writes the data migrations that load the Battery Pass attribute longlist v1.2 and the LMT
 * reference catalogue. Run once per catalogue version; the SQL it writes is committed and is the
 * source of truth from then on (applied migrations are never edited; a later catalogue version
 * gets a new script run and a new migration).
 * Usage: tsx prisma/catalogue/writeCatalogueMigrations.ts <csv> <attribute migration> <lmt migration>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

const [csvPath, attributeMigration, lmtMigration] = process.argv.slice(2);
if (!csvPath || !attributeMigration || !lmtMigration) {
  console.error("usage: writeCatalogueMigrations.ts <csv> <attribute migration> <lmt migration>");
  process.exit(1);
}

const CATALOGUE_VERSION = "battery-pass-longlist-1.2";

/** Stable keys by longlist number: `<category prefix>.<snake name>[_<unit>]`. */
const KEYS: Record<number, string> = {
  1: "id.passport_id",
  2: "id.battery_id",
  3: "id.operator",
  4: "id.manufacturer",
  5: "id.manufacturing_place",
  6: "id.manufacturing_date",
  7: "id.putting_into_service_date",
  8: "id.warranty_period",
  9: "id.battery_category",
  10: "id.battery_mass_kg",
  11: "id.battery_status",
  12: "label.separate_collection_symbol",
  13: "label.cadmium_lead_symbols",
  14: "label.carbon_footprint_label",
  15: "label.extinguishing_agent",
  16: "label.symbols_meaning",
  17: "label.eu_declaration_of_conformity",
  18: "label.test_reports",
  19: "cf.kg_co2e_per_kwh",
  20: "cf.share_raw_material_pct",
  21: "cf.share_production_pct",
  22: "cf.share_distribution_pct",
  23: "cf.share_end_of_life_pct",
  24: "cf.performance_class",
  25: "cf.study_url",
  26: "cf.general_information",
  27: "cf.absolute_t_co2e",
  28: "dd.due_diligence_report",
  29: "dd.third_party_assurances",
  30: "dd.supply_chain_indices",
  31: "mat.chemistry",
  32: "mat.critical_raw_materials",
  33: "mat.electrode_electrolyte_materials",
  34: "mat.hazardous_substances",
  35: "mat.substance_impact",
  36: "circ.dismantling_manual",
  37: "circ.part_numbers",
  38: "circ.spare_parts_sources",
  39: "circ.safety_measures",
  40: "circ.pre_consumer_recycled_nickel_pct",
  41: "circ.pre_consumer_recycled_cobalt_pct",
  42: "circ.pre_consumer_recycled_lithium_pct",
  43: "circ.pre_consumer_recycled_lead_pct",
  44: "circ.post_consumer_recycled_nickel_pct",
  45: "circ.post_consumer_recycled_cobalt_pct",
  46: "circ.post_consumer_recycled_lithium_pct",
  47: "circ.post_consumer_recycled_lead_pct",
  48: "circ.renewable_content_pct",
  49: "circ.end_user_waste_prevention",
  50: "circ.end_user_separate_collection",
  51: "circ.collection_second_life_recycling",
  52: "perf.rated_capacity_ah",
  53: "perf.remaining_capacity_ah",
  54: "perf.capacity_fade_pct",
  55: "perf.certified_usable_energy_kwh",
  56: "perf.remaining_usable_energy_kwh",
  57: "perf.state_of_certified_energy_pct",
  58: "perf.state_of_charge_pct",
  59: "perf.min_voltage_v",
  60: "perf.max_voltage_v",
  61: "perf.nominal_voltage_v",
  62: "perf.original_power_w",
  63: "perf.remaining_power_w",
  64: "perf.power_fade_pct",
  65: "perf.max_permitted_power_w",
  66: "perf.power_energy_ratio",
  67: "perf.initial_round_trip_efficiency_pct",
  68: "perf.round_trip_efficiency_at_half_life_pct",
  69: "perf.remaining_round_trip_efficiency_pct",
  70: "perf.round_trip_efficiency_fade_pct",
  71: "perf.initial_self_discharge_pct_month",
  72: "perf.current_self_discharge_pct_month",
  73: "perf.self_discharge_evolution_pct",
  74: "perf.initial_internal_resistance_ohm",
  75: "perf.internal_resistance_increase_pct",
  76: "perf.expected_lifetime_years",
  77: "perf.expected_lifetime_cycles",
  78: "perf.full_cycles",
  79: "perf.cycle_life_reference_test",
  80: "perf.cycle_life_test_c_rate",
  81: "perf.energy_throughput_kwh",
  82: "perf.capacity_throughput_ah",
  83: "perf.capacity_exhaustion_threshold_pct",
  84: "perf.temperature_c",
  85: "perf.idle_temperature_min_c",
  86: "perf.idle_temperature_max_c",
  87: "perf.time_above_temperature_min",
  88: "perf.time_below_temperature_min",
  89: "perf.charging_time_above_temperature_min",
  90: "perf.charging_time_below_temperature_min",
  91: "perf.deep_discharge_events",
  92: "perf.overcharge_events",
  93: "perf.accident_information",
};

/** Attributes whose value is a column of the passport or its model, not an attribute_value row. */
const DERIVED: Record<number, string> = {
  1: "passport.public_id",
  2: "passport.serial_number",
  6: "passport.production_date",
  9: "model.battery_category",
  11: "passport.lifecycle_state",
};

/**
 * Unit-level static attributes that are in practice the same for every unit of a model: the model
 * may carry a default that its passports inherit and may override.
 */
const UNIT_LEVEL_INHERITING = new Set([3, 15]);

/** The longlist says "Integer" for some physical quantities a real pack has as fractions (13.4 Ah, 0.12 Ohm). */
const FRACTIONAL_UNITS = new Set(["Ah", "V", "kWh", "Ohm", "W/Wh"]);

interface Row {
  number: string;
  din_chapter: string;
  ev: string;
  lmt: string;
  industrial: string;
  stationary: string;
  category: string;
  subcategory: string;
  attribute: string;
  regulation_reference: string;
  unit: string;
  data_format: string;
  access: string;
  behaviour: string;
  update_requirement: string;
  granularity: string;
}

function getValueType(row: Row): string {
  const format = row.data_format;
  if (format === "Decimal") return "DECIMAL";
  if (format === "Integer") return FRACTIONAL_UNITS.has(row.unit) ? "DECIMAL" : "INTEGER";
  if (format === "Date[YYYY-MM]") return "YEAR_MONTH";
  if (format === "ID") return "IDENTIFIER";
  if (format === "String") return "STRING";
  if (["Graphic", "PDF", "Link to PDF", "URL"].includes(format)) return "URL";
  return "TEXT";
}

function getValidation(number: number, row: Row, valueType: string): Record<string, unknown> {
  if (number === 9) return { allowed: ["EV", "LMT", "INDUSTRIAL", "STATIONARY"] };
  if (number === 11) return { allowed: ["ORIGINAL", "REPURPOSED", "REUSED", "REMANUFACTURED", "WASTE"] };
  if (number === 24) return { allowed: ["A", "B", "C", "D", "E"] };
  if (valueType !== "DECIMAL" && valueType !== "INTEGER") return {};
  if (row.unit === "°C") return { min: -60, max: 150 };
  if (row.unit === "%" && number !== 75 && number !== 73) return { min: 0, max: 100 };
  return { min: 0 };
}

function getAccess(access: string): string {
  if (access === "Public") return "PUBLIC";
  if (access === "persons with a legitimate interest") return "LEGITIMATE_INTEREST";
  if (access === "persons with a legitimate interest and the Commission") return "LEGITIMATE_INTEREST_AND_COMMISSION";
  if (access.startsWith("Notified bodies")) return "AUTHORITY";
  throw new Error(`unknown access level ${access}`);
}

const quote = (value: string | null) => (value === null ? "NULL" : `'${value.replaceAll("'", "''")}'`);
const orNull = (value: string) => (value === "" || value === "-" || value === "n.a." ? null : value);
const categories = (row: Row, mark: string) =>
  `ARRAY[${[
    ["EV", row.ev],
    ["LMT", row.lmt],
    ["INDUSTRIAL", row.industrial],
    ["STATIONARY", row.stationary],
  ]
    .filter(([, flag]) => flag === mark)
    .map(([category]) => `'${category}'`)
    .join(", ")}]::"app"."BatteryCategory"[]`;

const rows = parse(readFileSync(csvPath), { columns: true, skip_empty_lines: true }) as Row[];
if (rows.length !== 93) throw new Error(`expected 93 attributes, found ${rows.length}`);

const values = rows.map((row) => {
  const number = Number(row.number);
  const key = KEYS[number];
  if (!key) throw new Error(`no key for attribute ${number}`);
  const valueType = getValueType(row);
  const isModelLevel = row.granularity === "Battery model";
  const inheritsFromModel = isModelLevel || UNIT_LEVEL_INHERITING.has(number);
  return `(${[
    number,
    quote(key),
    quote(row.attribute),
    quote(row.category),
    quote(orNull(row.subcategory)),
    quote(orNull(row.din_chapter)),
    quote(orNull(row.regulation_reference)),
    quote(orNull(row.unit.replace(/^\[(.*)\]$/, "$1"))),
    quote(row.data_format),
    `'${valueType}'`,
    `'${JSON.stringify(getValidation(number, row, valueType))}'::jsonb`,
    `'${getAccess(row.access)}'`,
    `'${row.behaviour.toUpperCase()}'`,
    quote(orNull(row.update_requirement)),
    isModelLevel,
    inheritsFromModel,
    quote(DERIVED[number] ?? null),
    categories(row, "x"),
    categories(row, "o"),
    quote(CATALOGUE_VERSION),
  ].join(", ")})`;
});

writeFileSync(
  attributeMigration,
  `-- Battery Pass Data Attribute Longlist v1.2 (Battery Pass consortium, January 2025; CC BY-NC 4.0):
-- 93 attributes. Written by prisma/catalogue/writeCatalogueMigrations.ts from
-- shared/data/battery-pass-attributes-v1.2.csv.
INSERT INTO "app"."attribute_definition" ("id", "key", "name", "category", "subcategory", "din_chapter",
  "regulation_reference", "unit", "data_format", "value_type", "validation", "access", "behaviour",
  "update_requirement", "is_model_level", "inherits_from_model", "derived_from", "mandatory_for", "voluntary_for",
  "catalogue_version")
VALUES
${values.join(",\n")};
`,
);

// --- LMT reference catalogue: 28 demo e-bike packs -------------------------------------------

interface CellSpec {
  chemistry: string;
  cell: string;
  cellAh: number;
  cellMassG: number;
  nominalV: number;
  minV: number;
  maxV: number;
  cycles: number;
  materials: string;
}
const NMC_18650: CellSpec = {
  chemistry: "Li-ion NMC 811",
  cell: "18650",
  cellAh: 3.5,
  cellMassG: 48,
  nominalV: 3.6,
  minV: 2.75,
  maxV: 4.2,
  cycles: 800,
  materials: "Cathode LiNi0.8Mn0.1Co0.1O2; anode graphite/SiOx; electrolyte LiPF6 in EC/DMC",
};
const NMC_21700: CellSpec = {
  ...NMC_18650,
  cell: "21700",
  cellAh: 5.0,
  cellMassG: 70,
  cycles: 1000,
};
const NCA_21700: CellSpec = {
  ...NMC_21700,
  chemistry: "Li-ion NCA",
  cellAh: 4.8,
  cellMassG: 69,
  cycles: 700,
  materials: "Cathode LiNiCoAlO2; anode graphite; electrolyte LiPF6 in EC/DEC",
};
const LFP_26650: CellSpec = {
  chemistry: "LFP",
  cell: "26650",
  cellAh: 4.0,
  cellMassG: 88,
  nominalV: 3.2,
  minV: 2.5,
  maxV: 3.65,
  cycles: 2000,
  materials: "Cathode LiFePO4; anode graphite; electrolyte LiPF6 in EC/EMC",
};

const PACKS: Array<{ series: number; parallel: number; cell: CellSpec; format: string; maxCurrentA: number }> = [
  { series: 10, parallel: 3, cell: NMC_18650, format: "Frame downtube", maxCurrentA: 15 },
  { series: 10, parallel: 4, cell: NMC_18650, format: "Frame downtube", maxCurrentA: 20 },
  { series: 10, parallel: 3, cell: NMC_21700, format: "Integrated in-tube", maxCurrentA: 20 },
  { series: 10, parallel: 4, cell: NCA_21700, format: "Rear rack", maxCurrentA: 20 },
  { series: 13, parallel: 4, cell: NMC_18650, format: "Frame downtube", maxCurrentA: 25 },
  { series: 13, parallel: 4, cell: NMC_21700, format: "Integrated in-tube", maxCurrentA: 30 },
  { series: 12, parallel: 3, cell: LFP_26650, format: "Cargo bike box", maxCurrentA: 30 },
];
const BRANDS = [
  { code: "VOL", brand: "Voltaris" },
  { code: "PED", brand: "PedalCell" },
  { code: "RID", brand: "Ridgeline Power" },
  { code: "URB", brand: "UrbanAmp" },
];

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const lmtRows: string[] = [];
for (const [brandIndex, { code, brand }] of BRANDS.entries()) {
  for (const [packIndex, pack] of PACKS.entries()) {
    // Each brand tunes the same topologies a little: cell grade and housing weight differ.
    const grade = 1 - 0.03 * ((brandIndex + packIndex) % 3);
    const capacityAh = round(pack.parallel * pack.cell.cellAh * grade, 1);
    const nominalV = round(pack.series * pack.cell.nominalV, 1);
    const energyWh = Math.round(capacityAh * nominalV);
    const massKg = round(((pack.series * pack.parallel * pack.cell.cellMassG) / 1000) * (1.28 + 0.04 * brandIndex), 2);
    const configuration = `${pack.series}S${pack.parallel}P`;
    // Packs are sold under the system voltage of the drive (36 V, 48 V), not the exact nominal one.
    const systemVoltage = pack.series === 13 ? 48 : 36;
    const referenceCode = `LMT-${code}-${systemVoltage}V-${energyWh}`;
    const baseline = {
      "mat.chemistry": pack.cell.chemistry,
      "mat.electrode_electrolyte_materials": pack.cell.materials,
      "mat.critical_raw_materials":
        pack.cell.chemistry === "LFP" ? "Lithium, natural graphite" : "Lithium, cobalt, nickel, natural graphite",
      "perf.rated_capacity_ah": capacityAh,
      "perf.nominal_voltage_v": nominalV,
      "perf.min_voltage_v": round(pack.series * pack.cell.minV, 1),
      "perf.max_voltage_v": round(pack.series * pack.cell.maxV, 1),
      "perf.original_power_w": Math.round(nominalV * pack.maxCurrentA),
      "perf.max_permitted_power_w": Math.round(nominalV * pack.maxCurrentA * 1.5),
      "perf.expected_lifetime_cycles": pack.cell.cycles,
      "perf.expected_lifetime_years": pack.cell.chemistry === "LFP" ? 8 : 5,
      "perf.initial_round_trip_efficiency_pct": pack.cell.chemistry === "LFP" ? 96 : 94,
      "perf.initial_internal_resistance_ohm": round((0.025 * pack.series) / pack.parallel + 0.02, 3),
      "perf.cycle_life_reference_test": "IEC 62660-1 / EN 50604-1 cycle test, 25 °C",
      "perf.cycle_life_test_c_rate": 0.5,
      "perf.idle_temperature_min_c": -20,
      "perf.idle_temperature_max_c": 45,
      "id.battery_mass_kg": massKg,
      "label.extinguishing_agent": "Large amounts of water; class D extinguisher for cell fires",
    };
    lmtRows.push(
      `(${[
        quote(referenceCode),
        quote(brand),
        quote(`${brand} ${systemVoltage}V ${energyWh}Wh ${pack.cell.chemistry === "LFP" ? "LFP " : ""}${pack.format}`),
        quote(pack.cell.chemistry),
        nominalV,
        capacityAh,
        energyWh,
        massKg,
        quote(pack.cell.cell),
        quote(configuration),
        `${quote(JSON.stringify(baseline))}::jsonb`,
      ].join(", ")})`,
    );
  }
}
writeFileSync(
  lmtMigration,
  `-- LMT reference catalogue: 28 demo e-bike battery packs (fictional brands, realistic cell
-- topologies). Written by prisma/catalogue/writeCatalogueMigrations.ts.
INSERT INTO "app"."lmt_reference_battery" ("code", "brand", "name", "chemistry", "nominal_voltage_v", "capacity_ah",
  "energy_wh", "mass_kg", "cell_format", "configuration", "baseline_attributes")
VALUES
${lmtRows.join(",\n")};
`,
);
console.log(`wrote ${rows.length} attributes and ${lmtRows.length} reference batteries`);
