-- The four performance values the longlist puts on the model but that change per unit (issue 16):
-- capacity fade, power fade, round-trip efficiency fade and internal-resistance increase. A unit may
-- now hold its own value, kept with the time it was written (the Battery Pass export's `lastUpdate`);
-- a unit without one still reads its model's declaration.
UPDATE "app"."attribute_definition" SET "is_model_level" = false
WHERE "key" IN ('perf.capacity_fade_pct', 'perf.power_fade_pct', 'perf.round_trip_efficiency_fade_pct',
                'perf.internal_resistance_increase_pct');
