/**
 * Writes migration 071: the JSON Schema of every structured attribute (from
 * structuredValueSchemas.json, each made self-contained) into the catalogue, and the conversion of
 * stored values that have one faithful structured form. Run once; the SQL it writes is committed
 * and is the source of truth from then on, like writeCatalogueMigrations.ts.
 * Usage: tsx prisma/catalogue/writeStructuredValueMigration.ts <migration file>
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const target = process.argv[2];
if (!target) {
  console.error("usage: writeStructuredValueMigration.ts <migration file>");
  process.exit(1);
}
const source = JSON.parse(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "structuredValueSchemas.json"), "utf8"),
) as Record<string, unknown> & { definitions: Record<string, unknown> };

/** The definitions a schema reaches, transitively, so each stored schema carries only what it uses. */
function reachedDefinitions(schema: unknown, found = new Set<string>()): Set<string> {
  const text = JSON.stringify(schema);
  for (const [, name] of text.matchAll(/"#\/definitions\/(\w+)"/g)) {
    if (name && !found.has(name)) {
      found.add(name);
      reachedDefinitions(source.definitions[name], found);
    }
  }
  return found;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const updates = Object.entries(source)
  .filter(([key]) => key !== "$comment" && key !== "definitions")
  .map(([key, schema]) => {
    const definitions = Object.fromEntries(
      [...reachedDefinitions(schema)].sort().map((name) => [name, source.definitions[name]]),
    );
    const whole = {
      $schema: "http://json-schema.org/draft-07/schema#",
      ...(schema as object),
      ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
    };
    return `UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = ${quote(JSON.stringify(whole))}::jsonb WHERE "key" = ${quote(key)};`;
  });

const sql = `-- Structured values (issue 16): attributes the Battery Pass data model v1.2 models as objects or
-- arrays are stored as jsonb and validated against a JSON Schema kept in the catalogue row.
-- Written by prisma/catalogue/writeStructuredValueMigration.ts from structuredValueSchemas.json.
ALTER TABLE "app"."attribute_definition" ADD COLUMN "value_schema" JSONB;
ALTER TABLE "app"."attribute_value" ADD COLUMN "value_json" JSONB;
-- Exactly one typed column carries the value (was: text or numeric).
ALTER TABLE "app"."attribute_value" DROP CONSTRAINT "attribute_value_one_value";
ALTER TABLE "app"."attribute_value" ADD CONSTRAINT "attribute_value_one_value"
  CHECK (num_nonnulls("value_text", "value_numeric", "value_json") = 1);
ALTER TABLE "app"."attribute_definition" ADD CONSTRAINT "attribute_definition_structured_has_schema"
  CHECK (("value_type" = 'STRUCTURED') = ("value_schema" IS NOT NULL));

${updates.join("\n")}

-- Stored values with one faithful structured form are converted; the others (free text where the
-- schema wants an address, an identity, a material list...) stay as text until someone re-enters
-- them: they are shown, not exported, and do not count towards completeness.
CREATE FUNCTION pg_temp.chemistry_value(name TEXT) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'shortName', btrim(regexp_replace(name, '^Li-ion\\s+', '', 'i')),
    'clearName', CASE
      WHEN name ~* 'NMC' THEN 'Lithium nickel manganese cobalt oxide'
      WHEN name ~* 'NCA' THEN 'Lithium nickel cobalt aluminium oxide'
      WHEN name ~* 'LFP' THEN 'Lithium iron phosphate'
      WHEN name ~* 'LMO' THEN 'Lithium manganese oxide'
      ELSE name END)
$$;
-- A datasheet's single power figure is taken as the power at 80 % state of charge (Annex IV Part B).
CREATE FUNCTION pg_temp.power_value(watts NUMERIC) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(jsonb_build_object('atSoC', 80, 'powerCapabilityAt', watts))
$$;
-- A single resistance figure of a pack datasheet is the pack's.
CREATE FUNCTION pg_temp.resistance_value(ohm NUMERIC) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(jsonb_build_object('batteryComponent', 'pack', 'ohmicResistance', ohm))
$$;

UPDATE "app"."attribute_value" v SET "value_json" = pg_temp.chemistry_value(v."value_text"), "value_text" = NULL
  FROM "app"."attribute_definition" d WHERE d."id" = v."attribute_id" AND d."key" = 'mat.chemistry' AND v."value_text" IS NOT NULL;
UPDATE "app"."attribute_value" v SET "value_json" = pg_temp.power_value(v."value_numeric"), "value_numeric" = NULL
  FROM "app"."attribute_definition" d
  WHERE d."id" = v."attribute_id" AND d."key" IN ('perf.original_power_w', 'perf.remaining_power_w') AND v."value_numeric" IS NOT NULL;
UPDATE "app"."attribute_value" v SET "value_json" = pg_temp.resistance_value(v."value_numeric"), "value_numeric" = NULL
  FROM "app"."attribute_definition" d
  WHERE d."id" = v."attribute_id" AND d."key" = 'perf.initial_internal_resistance_ohm' AND v."value_numeric" IS NOT NULL;
UPDATE "app"."attribute_value" v
  SET "value_json" = jsonb_build_array(jsonb_build_object('batteryComponent', 'pack', 'internalResistanceIncreaseValue', v."value_numeric")),
      "value_numeric" = NULL
  FROM "app"."attribute_definition" d
  WHERE d."id" = v."attribute_id" AND d."key" = 'perf.internal_resistance_increase_pct' AND v."value_numeric" IS NOT NULL;
UPDATE "app"."attribute_value" v
  SET "value_json" = jsonb_build_array(jsonb_build_object('documentType', 'DismantlingManual',
        'mimeType', CASE WHEN v."value_text" ~* '\\.pdf$' THEN 'application/pdf' ELSE 'text/html' END,
        'documentURL', v."value_text")),
      "value_text" = NULL
  FROM "app"."attribute_definition" d
  WHERE d."id" = v."attribute_id" AND d."key" = 'circ.dismantling_manual' AND v."value_text" ~* '^https?://';
UPDATE "app"."attribute_value" v SET "value_json" = jsonb_build_array(jsonb_build_object('negativeEvent', v."value_text")), "value_text" = NULL
  FROM "app"."attribute_definition" d WHERE d."id" = v."attribute_id" AND d."key" = 'perf.accident_information' AND v."value_text" IS NOT NULL;
-- "None above 0.1 % w/w" and the like: an empty list of hazardous substances.
UPDATE "app"."attribute_value" v SET "value_json" = '[]'::jsonb, "value_text" = NULL
  FROM "app"."attribute_definition" d
  WHERE d."id" = v."attribute_id" AND d."key" = 'mat.hazardous_substances' AND v."value_text" ~* '^\\s*none\\M';

-- The LMT reference catalogue's baselines in the same shapes. Electrode and electrolyte materials get
-- the chemistry's typical materials (CAS numbers) with masses as typical shares of the pack mass:
-- demo reference data, to be replaced by a manufacturer's own declaration.
UPDATE "app"."lmt_reference_battery" SET "baseline_attributes" = "baseline_attributes"
  || jsonb_build_object('mat.chemistry', pg_temp.chemistry_value("baseline_attributes"->>'mat.chemistry'))
  || jsonb_build_object('perf.original_power_w', pg_temp.power_value(("baseline_attributes"->>'perf.original_power_w')::numeric))
  || jsonb_build_object('perf.initial_internal_resistance_ohm',
       pg_temp.resistance_value(("baseline_attributes"->>'perf.initial_internal_resistance_ohm')::numeric))
  || jsonb_build_object('mat.electrode_electrolyte_materials', jsonb_build_array(
       CASE
         WHEN "chemistry" ~* 'LFP' THEN jsonb_build_object('batteryMaterialName', 'Lithium iron phosphate (cathode)',
           'batteryMaterialIdentifier', '15365-14-7', 'batteryMaterialMass', round("mass_kg" * 0.25, 3),
           'batteryMaterialLocation', jsonb_build_object('componentName', 'Cathode'), 'isCriticalRawMaterial', true)
         WHEN "chemistry" ~* 'NCA' THEN jsonb_build_object('batteryMaterialName', 'Lithium nickel cobalt aluminium oxide (cathode)',
           'batteryMaterialIdentifier', '193214-24-3', 'batteryMaterialMass', round("mass_kg" * 0.25, 3),
           'batteryMaterialLocation', jsonb_build_object('componentName', 'Cathode'), 'isCriticalRawMaterial', true)
         ELSE jsonb_build_object('batteryMaterialName', 'Lithium nickel manganese cobalt oxide (cathode)',
           'batteryMaterialIdentifier', '346417-97-8', 'batteryMaterialMass', round("mass_kg" * 0.25, 3),
           'batteryMaterialLocation', jsonb_build_object('componentName', 'Cathode'), 'isCriticalRawMaterial', true)
       END,
       jsonb_build_object('batteryMaterialName', 'Graphite (anode)', 'batteryMaterialIdentifier', '7782-42-5',
         'batteryMaterialMass', round("mass_kg" * 0.15, 3),
         'batteryMaterialLocation', jsonb_build_object('componentName', 'Anode'), 'isCriticalRawMaterial', true),
       jsonb_build_object('batteryMaterialName', 'Lithium hexafluorophosphate (electrolyte salt)',
         'batteryMaterialIdentifier', '21324-40-3', 'batteryMaterialMass', round("mass_kg" * 0.015, 3),
         'batteryMaterialLocation', jsonb_build_object('componentName', 'Electrolyte'), 'isCriticalRawMaterial', true),
       jsonb_build_object('batteryMaterialName', 'Ethylene carbonate (electrolyte solvent)',
         'batteryMaterialIdentifier', '96-49-1', 'batteryMaterialMass', round("mass_kg" * 0.05, 3),
         'batteryMaterialLocation', jsonb_build_object('componentName', 'Electrolyte'), 'isCriticalRawMaterial', false)));
`;
writeFileSync(target, sql);
console.log(`wrote ${updates.length} structured attributes to ${target}`);
