-- Upper bounds for the catalogue's numbers that had none: what a battery can physically reach,
-- with wide margins (a grid store of 10,000 t, 2,000 V, 10 GW; a million cycles as the readings
-- take; minutes in 60 years). A cycle count of 1e300 was stored before this.
UPDATE "app"."attribute_definition"
SET "validation" = "validation" || jsonb_build_object('max',
  CASE
    WHEN "unit" IS NULL AND "value_type" = 'INTEGER' THEN 1000000
    WHEN "unit" = 'Minutes' THEN 31557600
    WHEN "unit" = '%' THEN 1000
    WHEN "unit" = 'kg' THEN 10000000
    WHEN "unit" = 'V' THEN 2000
    WHEN "unit" = 'W' THEN 10000000000
    WHEN "unit" = 'Ah' THEN 1000000000
    WHEN "unit" = 'kWh' THEN 1000000000
    WHEN "unit" = 'Ohm' THEN 1000000
    WHEN "unit" IN ('A/Ah', 'W/Wh') THEN 1000
    WHEN "unit" = 'kgCO2e/kWh' THEN 10000
    WHEN "unit" ILIKE '%year%' THEN 100
    ELSE 1000000000000
  END)
WHERE "value_type" IN ('DECIMAL', 'INTEGER') AND NOT ("validation" ? 'max');
