-- The catalogue tables were filled by data migrations; give the planner their statistics now rather
-- than whenever autovacuum gets to them (fleet completeness joins on them and misplans without).
ANALYZE "app"."attribute_definition";
ANALYZE "app"."lmt_reference_battery";
