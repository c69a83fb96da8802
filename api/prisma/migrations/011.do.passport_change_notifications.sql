-- Every change that can alter what an anonymous reader of a passport sees is announced on channel
-- a360_passport_changes when its transaction commits. Each api process keeps the public reads it
-- has rendered (api/src/public-reads) and forgets the ones a message names.
-- A message is one JSON object naming passports, models or tenants (organizations):
-- {"passports": [uuid, ...]}, {"models": [...]} or {"tenants": [...]}, at most 150 ids each so it
-- stays well under the 8,000-byte payload limit. A statement that touches more than 10,000 passports
-- (more than a readings batch can) names their tenants instead: one message rather than hundreds.

CREATE FUNCTION "app"."announce_passport_changes"(kind text, ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  total int := coalesce(array_length(ids, 1), 0);
  first int := 1;
BEGIN
  WHILE first <= total LOOP
    PERFORM pg_notify('a360_passport_changes', json_build_object(kind, ids[first : first + 149])::text);
    first := first + 150;
  END LOOP;
END $$;

-- Passports, or their tenants when there are many.
CREATE FUNCTION "app"."announce_passports"(passport_ids uuid[], tenant_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(array_length(passport_ids, 1), 0) > 10000 THEN
    PERFORM "app"."announce_passport_changes"('tenants', tenant_ids);
  ELSE
    PERFORM "app"."announce_passport_changes"('passports', passport_ids);
  END IF;
END $$;

-- Attribute values: the passports they belong to and the models whose units inherit them.
CREATE FUNCTION "app"."announce_attribute_value_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  passport_ids uuid[];
  model_ids uuid[];
  tenant_ids uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT v.passport_id) FILTER (WHERE v.passport_id IS NOT NULL),
           array_agg(DISTINCT v.model_id) FILTER (WHERE v.model_id IS NOT NULL),
           array_agg(DISTINCT v.tenant_id)
      INTO passport_ids, model_ids, tenant_ids FROM old_rows v;
  ELSE
    SELECT array_agg(DISTINCT v.passport_id) FILTER (WHERE v.passport_id IS NOT NULL),
           array_agg(DISTINCT v.model_id) FILTER (WHERE v.model_id IS NOT NULL),
           array_agg(DISTINCT v.tenant_id)
      INTO passport_ids, model_ids, tenant_ids FROM new_rows v;
  END IF;
  PERFORM "app"."announce_passports"(passport_ids, tenant_ids);
  PERFORM "app"."announce_passport_changes"('models', model_ids);
  RETURN NULL;
END $$;
CREATE TRIGGER "attribute_value_inserted_announces" AFTER INSERT ON "app"."attribute_value"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_attribute_value_changes"();
CREATE TRIGGER "attribute_value_updated_announces" AFTER UPDATE ON "app"."attribute_value"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_attribute_value_changes"();
CREATE TRIGGER "attribute_value_deleted_announces" AFTER DELETE ON "app"."attribute_value"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_attribute_value_changes"();

-- Passports changed or removed (a new passport was never read, so it needs no message).
CREATE FUNCTION "app"."announce_passport_row_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  passport_ids uuid[];
  tenant_ids uuid[];
BEGIN
  SELECT array_agg(o.id), array_agg(DISTINCT o.tenant_id) INTO passport_ids, tenant_ids FROM old_rows o;
  PERFORM "app"."announce_passports"(passport_ids, tenant_ids);
  RETURN NULL;
END $$;
CREATE TRIGGER "passport_updated_announces" AFTER UPDATE ON "app"."passport"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_passport_row_changes"();
CREATE TRIGGER "passport_deleted_announces" AFTER DELETE ON "app"."passport"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_passport_row_changes"();

-- Models and organizations changed or removed, named by their own ids (the trigger's argument says
-- which kind): every unit shows its model's code, name and category, and its manufacturer's name.
CREATE FUNCTION "app"."announce_changed_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "app"."announce_passport_changes"(TG_ARGV[0], (SELECT array_agg(o.id) FROM old_rows o));
  RETURN NULL;
END $$;
CREATE TRIGGER "battery_model_updated_announces" AFTER UPDATE ON "app"."battery_model"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_changed_rows"('models');
CREATE TRIGGER "battery_model_deleted_announces" AFTER DELETE ON "app"."battery_model"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_changed_rows"('models');
CREATE TRIGGER "organization_updated_announces" AFTER UPDATE ON "app"."organization"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_changed_rows"('tenants');
CREATE TRIGGER "organization_deleted_announces" AFTER DELETE ON "app"."organization"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_changed_rows"('tenants');

-- New versions: a disclosure then reads "changed since anchoring" or shows the new version.
CREATE FUNCTION "app"."announce_passport_version_inserts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  passport_ids uuid[];
  tenant_ids uuid[];
BEGIN
  SELECT array_agg(DISTINCT n.passport_id), array_agg(DISTINCT n.tenant_id) INTO passport_ids, tenant_ids FROM new_rows n;
  PERFORM "app"."announce_passports"(passport_ids, tenant_ids);
  RETURN NULL;
END $$;
CREATE TRIGGER "passport_version_inserted_announces" AFTER INSERT ON "app"."passport_version"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_passport_version_inserts"();

-- Batches anchored, revoked or removed: the status of every version in them changes.
CREATE FUNCTION "app"."announce_passport_batch_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "app"."announce_passport_changes"('tenants', (SELECT array_agg(DISTINCT n.tenant_id) FROM new_rows n));
  ELSE
    PERFORM "app"."announce_passport_changes"('tenants', (SELECT array_agg(DISTINCT o.tenant_id) FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "passport_batch_inserted_announces" AFTER INSERT ON "app"."passport_batch"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_passport_batch_changes"();
CREATE TRIGGER "passport_batch_updated_announces" AFTER UPDATE ON "app"."passport_batch"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_passport_batch_changes"();
CREATE TRIGGER "passport_batch_deleted_announces" AFTER DELETE ON "app"."passport_batch"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."announce_passport_batch_changes"();
