-- Structured values (issue 16): attributes the Battery Pass data model v1.2 models as objects or
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

UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","$ref":"#/definitions/ContactInformation","definitions":{"ContactInformation":{"type":"object","additionalProperties":false,"required":["contactName","identifier","postalAddress"],"properties":{"contactName":{"$ref":"#/definitions/Text"},"identifier":{"$ref":"#/definitions/ShortText","description":"e.g. an LEI or EORI"},"postalAddress":{"$ref":"#/definitions/PostalAddress"},"emailAddress":{"$ref":"#/definitions/Email"},"webAddress":{"$ref":"#/definitions/Url"}}},"Email":{"type":"string","pattern":"^[\\w.-]+@[\\w.-]+\\.[A-Za-z]{2,}$","maxLength":320},"PostalAddress":{"type":"object","additionalProperties":false,"required":["streetAddress","postalCode","addressCountry"],"properties":{"streetAddress":{"$ref":"#/definitions/Text"},"postalCode":{"type":"string","minLength":1,"maxLength":20},"addressCountry":{"$ref":"#/definitions/ShortText"}}},"ShortText":{"type":"string","minLength":1,"maxLength":200},"Text":{"type":"string","minLength":1,"maxLength":2000},"Url":{"type":"string","format":"uri","pattern":"^https?://","maxLength":2000}}}'::jsonb WHERE "key" = 'id.manufacturer';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","$ref":"#/definitions/ContactInformation","definitions":{"ContactInformation":{"type":"object","additionalProperties":false,"required":["contactName","identifier","postalAddress"],"properties":{"contactName":{"$ref":"#/definitions/Text"},"identifier":{"$ref":"#/definitions/ShortText","description":"e.g. an LEI or EORI"},"postalAddress":{"$ref":"#/definitions/PostalAddress"},"emailAddress":{"$ref":"#/definitions/Email"},"webAddress":{"$ref":"#/definitions/Url"}}},"Email":{"type":"string","pattern":"^[\\w.-]+@[\\w.-]+\\.[A-Za-z]{2,}$","maxLength":320},"PostalAddress":{"type":"object","additionalProperties":false,"required":["streetAddress","postalCode","addressCountry"],"properties":{"streetAddress":{"$ref":"#/definitions/Text"},"postalCode":{"type":"string","minLength":1,"maxLength":20},"addressCountry":{"$ref":"#/definitions/ShortText"}}},"ShortText":{"type":"string","minLength":1,"maxLength":200},"Text":{"type":"string","minLength":1,"maxLength":2000},"Url":{"type":"string","format":"uri","pattern":"^https?://","maxLength":2000}}}'::jsonb WHERE "key" = 'id.operator';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","$ref":"#/definitions/PostalAddress","definitions":{"PostalAddress":{"type":"object","additionalProperties":false,"required":["streetAddress","postalCode","addressCountry"],"properties":{"streetAddress":{"$ref":"#/definitions/Text"},"postalCode":{"type":"string","minLength":1,"maxLength":20},"addressCountry":{"$ref":"#/definitions/ShortText"}}},"ShortText":{"type":"string","minLength":1,"maxLength":200},"Text":{"type":"string","minLength":1,"maxLength":2000}}}'::jsonb WHERE "key" = 'id.manufacturing_place';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,"required":["shortName","clearName"],"properties":{"shortName":{"$ref":"#/definitions/ShortText","examples":["NMC"]},"clearName":{"$ref":"#/definitions/Text","examples":["Lithium nickel manganese cobalt oxide"]}},"definitions":{"ShortText":{"type":"string","minLength":1,"maxLength":200},"Text":{"type":"string","minLength":1,"maxLength":2000}}}'::jsonb WHERE "key" = 'mat.chemistry';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","maxItems":200,"items":{"type":"object","additionalProperties":false,"required":["batteryMaterialName","batteryMaterialIdentifier","batteryMaterialMass","batteryMaterialLocation","isCriticalRawMaterial"],"properties":{"batteryMaterialName":{"$ref":"#/definitions/Text"},"batteryMaterialIdentifier":{"$ref":"#/definitions/CasNumber"},"batteryMaterialMass":{"type":"number","minimum":0,"maximum":10000000,"description":"kg"},"batteryMaterialLocation":{"$ref":"#/definitions/ComponentLocation"},"isCriticalRawMaterial":{"type":"boolean"}}},"definitions":{"CasNumber":{"type":"string","pattern":"^\\d{2,7}-\\d{2}-\\d{1}$"},"ComponentLocation":{"type":"object","additionalProperties":false,"required":["componentName"],"properties":{"componentName":{"$ref":"#/definitions/ShortText"},"componentId":{"$ref":"#/definitions/ShortText"}}},"ShortText":{"type":"string","minLength":1,"maxLength":200},"Text":{"type":"string","minLength":1,"maxLength":2000}}}'::jsonb WHERE "key" = 'mat.electrode_electrolyte_materials';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","maxItems":200,"description":"An empty list declares no hazardous substance above the thresholds.","items":{"type":"object","additionalProperties":false,"required":["hazardousSubstanceName","hazardousSubstanceIdentifier","hazardousSubstanceClass","hazardousSubstanceConcentration","hazardousSubstanceImpact","hazardousSubstanceLocation"],"properties":{"hazardousSubstanceName":{"$ref":"#/definitions/Text"},"hazardousSubstanceIdentifier":{"$ref":"#/definitions/CasNumber"},"hazardousSubstanceClass":{"enum":["AcuteToxicity","SkinCorrosionOrIrritation","EyeDamageOrIrritation"]},"hazardousSubstanceConcentration":{"type":"number","minimum":0,"maximum":100,"description":"% w/w"},"hazardousSubstanceImpact":{"type":"array","maxItems":50,"items":{"$ref":"#/definitions/Text"}},"hazardousSubstanceLocation":{"$ref":"#/definitions/ComponentLocation"}}},"definitions":{"CasNumber":{"type":"string","pattern":"^\\d{2,7}-\\d{2}-\\d{1}$"},"ComponentLocation":{"type":"object","additionalProperties":false,"required":["componentName"],"properties":{"componentName":{"$ref":"#/definitions/ShortText"},"componentId":{"$ref":"#/definitions/ShortText"}}},"ShortText":{"type":"string","minLength":1,"maxLength":200},"Text":{"type":"string","minLength":1,"maxLength":2000}}}'::jsonb WHERE "key" = 'mat.hazardous_substances';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","maxItems":50,"items":{"type":"object","additionalProperties":false,"required":["labelingSubject","labelingSymbol","labelingMeaning"],"properties":{"labelingSubject":{"enum":["SeparateCollection","HazardousMaterial","CarbonFootPrint","ExtinguishingAgent"]},"labelingSymbol":{"$ref":"#/definitions/Url"},"labelingMeaning":{"type":"object","description":"The meaning by language tag, e.g. { \"en\": \"Separate collection\" }.","minProperties":1,"maxProperties":30,"propertyNames":{"pattern":"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},"additionalProperties":{"$ref":"#/definitions/Text"}}}},"definitions":{"Text":{"type":"string","minLength":1,"maxLength":2000},"Url":{"type":"string","format":"uri","pattern":"^https?://","maxLength":2000}}}'::jsonb WHERE "key" = 'label.symbols_meaning';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","maxItems":100,"items":{"type":"object","additionalProperties":false,"required":["documentType","mimeType","documentURL"],"properties":{"documentType":{"enum":["BillOfMaterial","Model3D","DismantlingManual","RemovalManual","OtherManual","Drawing"]},"mimeType":{"type":"string","pattern":"^[a-z]+/[A-Za-z0-9.+-]+$","maxLength":100},"documentURL":{"$ref":"#/definitions/Url"}}},"definitions":{"Url":{"type":"string","format":"uri","pattern":"^https?://","maxLength":2000}}}'::jsonb WHERE "key" = 'circ.dismantling_manual';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","maxItems":100,"items":{"type":"object","additionalProperties":false,"required":["nameOfSupplier","addressOfSupplier","emailAddressOfSupplier","supplierWebAddress","components"],"properties":{"nameOfSupplier":{"$ref":"#/definitions/Text"},"addressOfSupplier":{"$ref":"#/definitions/PostalAddress"},"emailAddressOfSupplier":{"$ref":"#/definitions/Email"},"supplierWebAddress":{"$ref":"#/definitions/Url"},"components":{"type":"array","maxItems":500,"items":{"type":"object","additionalProperties":false,"required":["partName","partNumber"],"properties":{"partName":{"$ref":"#/definitions/Text"},"partNumber":{"$ref":"#/definitions/ShortText"}}}}}},"definitions":{"Email":{"type":"string","pattern":"^[\\w.-]+@[\\w.-]+\\.[A-Za-z]{2,}$","maxLength":320},"PostalAddress":{"type":"object","additionalProperties":false,"required":["streetAddress","postalCode","addressCountry"],"properties":{"streetAddress":{"$ref":"#/definitions/Text"},"postalCode":{"type":"string","minLength":1,"maxLength":20},"addressCountry":{"$ref":"#/definitions/ShortText"}}},"ShortText":{"type":"string","minLength":1,"maxLength":200},"Text":{"type":"string","minLength":1,"maxLength":2000},"Url":{"type":"string","format":"uri","pattern":"^https?://","maxLength":2000}}}'::jsonb WHERE "key" = 'circ.spare_parts_sources';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","$ref":"#/definitions/PowerBySoc","definitions":{"PowerBySoc":{"type":"array","minItems":1,"maxItems":20,"description":"Power capability (W) at each state of charge (%); the regulation asks for 80 % and 20 %.","items":{"type":"object","additionalProperties":false,"required":["atSoC","powerCapabilityAt"],"properties":{"atSoC":{"type":"number","minimum":0,"maximum":100},"powerCapabilityAt":{"type":"number","minimum":0,"maximum":10000000000}}}}}}'::jsonb WHERE "key" = 'perf.original_power_w';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","$ref":"#/definitions/PowerBySoc","definitions":{"PowerBySoc":{"type":"array","minItems":1,"maxItems":20,"description":"Power capability (W) at each state of charge (%); the regulation asks for 80 % and 20 %.","items":{"type":"object","additionalProperties":false,"required":["atSoC","powerCapabilityAt"],"properties":{"atSoC":{"type":"number","minimum":0,"maximum":100},"powerCapabilityAt":{"type":"number","minimum":0,"maximum":10000000000}}}}}}'::jsonb WHERE "key" = 'perf.remaining_power_w';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","minItems":1,"maxItems":3,"items":{"type":"object","additionalProperties":false,"required":["batteryComponent","ohmicResistance"],"properties":{"batteryComponent":{"$ref":"#/definitions/BatteryComponent"},"ohmicResistance":{"type":"number","minimum":0,"maximum":1000000,"description":"Ohm"}}},"definitions":{"BatteryComponent":{"enum":["pack","module","cell"]}}}'::jsonb WHERE "key" = 'perf.initial_internal_resistance_ohm';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","minItems":1,"maxItems":3,"items":{"type":"object","additionalProperties":false,"required":["batteryComponent","internalResistanceIncreaseValue"],"properties":{"batteryComponent":{"$ref":"#/definitions/BatteryComponent"},"internalResistanceIncreaseValue":{"type":"number","minimum":0,"maximum":1000,"description":"%"}}},"definitions":{"BatteryComponent":{"enum":["pack","module","cell"]}}}'::jsonb WHERE "key" = 'perf.internal_resistance_increase_pct';
UPDATE "app"."attribute_definition" SET "value_type" = 'STRUCTURED', "validation" = '{}', "value_schema" = '{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","maxItems":1000,"items":{"type":"object","additionalProperties":false,"required":["negativeEvent"],"properties":{"negativeEvent":{"$ref":"#/definitions/Text"},"occurredAt":{"type":"string","format":"date-time"}}},"definitions":{"Text":{"type":"string","minLength":1,"maxLength":2000}}}'::jsonb WHERE "key" = 'perf.accident_information';

-- Stored values with one faithful structured form are converted; the others (free text where the
-- schema wants an address, an identity, a material list...) stay as text until someone re-enters
-- them: they are shown, not exported, and do not count towards completeness.
CREATE FUNCTION pg_temp.chemistry_value(name TEXT) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'shortName', btrim(regexp_replace(name, '^Li-ion\s+', '', 'i')),
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
        'mimeType', CASE WHEN v."value_text" ~* '\.pdf$' THEN 'application/pdf' ELSE 'text/html' END,
        'documentURL', v."value_text")),
      "value_text" = NULL
  FROM "app"."attribute_definition" d
  WHERE d."id" = v."attribute_id" AND d."key" = 'circ.dismantling_manual' AND v."value_text" ~* '^https?://';
UPDATE "app"."attribute_value" v SET "value_json" = jsonb_build_array(jsonb_build_object('negativeEvent', v."value_text")), "value_text" = NULL
  FROM "app"."attribute_definition" d WHERE d."id" = v."attribute_id" AND d."key" = 'perf.accident_information' AND v."value_text" IS NOT NULL;
-- "None above 0.1 % w/w" and the like: an empty list of hazardous substances.
UPDATE "app"."attribute_value" v SET "value_json" = '[]'::jsonb, "value_text" = NULL
  FROM "app"."attribute_definition" d
  WHERE d."id" = v."attribute_id" AND d."key" = 'mat.hazardous_substances' AND v."value_text" ~* '^\s*none\M';

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
