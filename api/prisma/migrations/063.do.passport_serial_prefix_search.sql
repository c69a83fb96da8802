-- The passport list searches the start of a serial number (any case): a btree on the tenant and the
-- lower-cased serial serves `lower(serial_number) like 'sn-00%'` at any fleet size, where the
-- trigram index of 061 made a search for a common fragment read most of the fleet.
DROP INDEX IF EXISTS "app"."passport_serial_number_trgm_idx";
CREATE INDEX "passport_tenant_id_serial_number_lower_idx" ON "app"."passport"("tenant_id", lower("serial_number") text_pattern_ops);
