-- CreateIndex
CREATE INDEX "passport_tenant_id_serial_number_id_idx" ON "app"."passport"("tenant_id", "serial_number", "id");

-- CreateIndex
CREATE INDEX "passport_tenant_id_lifecycle_state_created_at_id_idx" ON "app"."passport"("tenant_id", "lifecycle_state", "created_at", "id");


-- A serial-number search (ilike '%…%') over a big fleet: trigram index (pg_trgm is a trusted
-- extension, so the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA "app";
CREATE INDEX "passport_serial_number_trgm_idx" ON "app"."passport" USING gin ("serial_number" "app".gin_trgm_ops);
