-- CreateEnum
CREATE TYPE "app"."PassportBatchStatus" AS ENUM ('PREPARED', 'ANCHORED', 'REVOKED', 'DISCARDED');

-- CreateTable
CREATE TABLE "app"."passport_version" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "salts" JSONB NOT NULL,
    "root" VARCHAR(66) NOT NULL,
    "previous_root" VARCHAR(66),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "passport_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."passport_batch" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "root" VARCHAR(66) NOT NULL,
    "leaf_count" INTEGER NOT NULL,
    "status" "app"."PassportBatchStatus" NOT NULL DEFAULT 'PREPARED',
    "prepared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "chain_id" INTEGER,
    "registry_address" VARCHAR(42),
    "block_number" BIGINT,
    "block_hash" VARCHAR(66),
    "transaction_hash" VARCHAR(66),
    "log_index" INTEGER,
    "attester" VARCHAR(42),
    "anchored_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "passport_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."passport_batch_entry" (
    "batch_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "leaf_index" INTEGER NOT NULL,
    "proof" JSONB NOT NULL,

    CONSTRAINT "passport_batch_entry_pkey" PRIMARY KEY ("batch_id","version_id")
);

-- CreateTable
CREATE TABLE "app"."passport_version_pending" (
    "passport_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "passport_version_pending_pkey" PRIMARY KEY ("passport_id")
);

-- CreateTable
CREATE TABLE "app"."passport_anchor_cursor" (
    "registry_address" VARCHAR(42) NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "last_block" BIGINT NOT NULL,
    "last_block_hash" VARCHAR(66) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "passport_anchor_cursor_pkey" PRIMARY KEY ("registry_address")
);

-- CreateIndex
CREATE INDEX "passport_version_tenant_id_created_at_idx" ON "app"."passport_version"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "passport_version_passport_id_version_key" ON "app"."passport_version"("passport_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "passport_batch_root_key" ON "app"."passport_batch"("root");

-- CreateIndex
CREATE INDEX "passport_batch_tenant_id_prepared_at_idx" ON "app"."passport_batch"("tenant_id", "prepared_at");

-- CreateIndex
CREATE INDEX "passport_batch_status_idx" ON "app"."passport_batch"("status");

-- CreateIndex
CREATE INDEX "passport_batch_entry_version_id_idx" ON "app"."passport_batch_entry"("version_id");

-- CreateIndex
CREATE INDEX "passport_version_pending_tenant_id_idx" ON "app"."passport_version_pending"("tenant_id");

-- AddForeignKey
ALTER TABLE "app"."passport_version" ADD CONSTRAINT "passport_version_passport_id_fkey" FOREIGN KEY ("passport_id") REFERENCES "app"."passport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."passport_batch_entry" ADD CONSTRAINT "passport_batch_entry_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "app"."passport_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."passport_batch_entry" ADD CONSTRAINT "passport_batch_entry_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "app"."passport_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Passport versions are immutable: only their batch entries change, never their content.
CREATE FUNCTION "app"."refuse_passport_version_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'passport versions are immutable (passport %, version %)', OLD.passport_id, OLD.version;
END $$;
CREATE TRIGGER "passport_version_immutable" BEFORE UPDATE ON "app"."passport_version"
  FOR EACH ROW EXECUTE FUNCTION "app"."refuse_passport_version_change"();

-- Any change to a passport's effective data marks it pending; versions are materialised from there.
-- Statement-level triggers with transition tables: a model change marks all its passports in one
-- statement, and a bulk import pays one insert, not one per row.
CREATE FUNCTION "app"."mark_passports_pending_from_values"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "app"."passport_version_pending" (passport_id, tenant_id)
      SELECT p.id, p.tenant_id FROM old_rows v JOIN "app"."passport" p ON p.id = v.passport_id
      UNION SELECT p.id, p.tenant_id FROM old_rows v JOIN "app"."passport" p ON p.model_id = v.model_id
      ON CONFLICT (passport_id) DO NOTHING;
  ELSE
    INSERT INTO "app"."passport_version_pending" (passport_id, tenant_id)
      SELECT p.id, p.tenant_id FROM new_rows v JOIN "app"."passport" p ON p.id = v.passport_id
      UNION SELECT p.id, p.tenant_id FROM new_rows v JOIN "app"."passport" p ON p.model_id = v.model_id
      ON CONFLICT (passport_id) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "attribute_value_inserted_marks_passports" AFTER INSERT ON "app"."attribute_value"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."mark_passports_pending_from_values"();
CREATE TRIGGER "attribute_value_updated_marks_passports" AFTER UPDATE ON "app"."attribute_value"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."mark_passports_pending_from_values"();
CREATE TRIGGER "attribute_value_deleted_marks_passports" AFTER DELETE ON "app"."attribute_value"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."mark_passports_pending_from_values"();

CREATE FUNCTION "app"."mark_passports_pending_from_passports"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "app"."passport_version_pending" (passport_id, tenant_id)
    SELECT n.id, n.tenant_id FROM new_rows n
    ON CONFLICT (passport_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "passport_inserted_marks_passports" AFTER INSERT ON "app"."passport"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."mark_passports_pending_from_passports"();
CREATE TRIGGER "passport_updated_marks_passports" AFTER UPDATE ON "app"."passport"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."mark_passports_pending_from_passports"();

CREATE FUNCTION "app"."mark_passports_pending_from_models"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "app"."passport_version_pending" (passport_id, tenant_id)
    SELECT p.id, p.tenant_id FROM new_rows m JOIN "app"."passport" p ON p.model_id = m.id
    ON CONFLICT (passport_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "battery_model_updated_marks_passports" AFTER UPDATE ON "app"."battery_model"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "app"."mark_passports_pending_from_models"();

-- Passports that exist before this migration get their first version on the next materialisation.
INSERT INTO "app"."passport_version_pending" (passport_id, tenant_id) SELECT id, tenant_id FROM "app"."passport";
