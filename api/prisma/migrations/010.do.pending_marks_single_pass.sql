-- Passport pending marks from attribute values, rewritten for the readings ingest (same semantics as
-- 007: a passport value marks that passport; a model value marks every passport of that model).
-- 007's body joined the transition table to passports twice and merged the halves with UNION
-- (a sort of every row); an ingest batch has no model rows at all. Here the transition table is
-- read once, its passport and model ids collected (sorted, without duplicates), the model branch
-- only runs when model rows exist, and marks are inserted in passport id order in one statement,
-- so concurrent batches that mark the same passports take their locks in the same order.
CREATE OR REPLACE FUNCTION "app"."mark_passports_pending_from_values"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  passport_ids uuid[];
  model_ids uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT v.passport_id) FILTER (WHERE v.passport_id IS NOT NULL),
           array_agg(DISTINCT v.model_id) FILTER (WHERE v.model_id IS NOT NULL)
      INTO passport_ids, model_ids FROM old_rows v;
  ELSE
    SELECT array_agg(DISTINCT v.passport_id) FILTER (WHERE v.passport_id IS NOT NULL),
           array_agg(DISTINCT v.model_id) FILTER (WHERE v.model_id IS NOT NULL)
      INTO passport_ids, model_ids FROM new_rows v;
  END IF;
  IF model_ids IS NULL THEN
    IF passport_ids IS NOT NULL THEN
      INSERT INTO "app"."passport_version_pending" (passport_id, tenant_id)
        SELECT p.id, p.tenant_id FROM "app"."passport" p WHERE p.id = ANY (passport_ids)
         ORDER BY p.id
        ON CONFLICT (passport_id) DO NOTHING;
    END IF;
  ELSE
    INSERT INTO "app"."passport_version_pending" (passport_id, tenant_id)
      SELECT p.id, p.tenant_id FROM "app"."passport" p
       WHERE p.id = ANY (coalesce(passport_ids, '{}')) OR p.model_id = ANY (model_ids)
       ORDER BY p.id
      ON CONFLICT (passport_id) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
