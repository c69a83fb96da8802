-- CreateEnum
CREATE TYPE "app"."BatteryCategory" AS ENUM ('EV', 'LMT', 'INDUSTRIAL', 'STATIONARY');

-- CreateEnum
CREATE TYPE "app"."AttributeValueType" AS ENUM ('STRING', 'TEXT', 'DECIMAL', 'INTEGER', 'YEAR_MONTH', 'URL', 'IDENTIFIER');

-- CreateEnum
CREATE TYPE "app"."AttributeAccess" AS ENUM ('PUBLIC', 'LEGITIMATE_INTEREST', 'LEGITIMATE_INTEREST_AND_COMMISSION', 'AUTHORITY');

-- CreateEnum
CREATE TYPE "app"."AttributeBehaviour" AS ENUM ('STATIC', 'DYNAMIC');

-- CreateEnum
CREATE TYPE "app"."AttributeHolderKind" AS ENUM ('MODEL', 'PASSPORT');

-- CreateEnum
CREATE TYPE "app"."PassportLifecycleState" AS ENUM ('ORIGINAL', 'REPURPOSED', 'REUSED', 'REMANUFACTURED', 'WASTE');

-- CreateTable
CREATE TABLE "app"."attribute_definition" (
    "id" INTEGER NOT NULL,
    "key" VARCHAR(80) NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "subcategory" TEXT,
    "din_chapter" TEXT,
    "regulation_reference" TEXT,
    "unit" TEXT,
    "data_format" TEXT NOT NULL,
    "value_type" "app"."AttributeValueType" NOT NULL,
    "validation" JSONB NOT NULL DEFAULT '{}',
    "access" "app"."AttributeAccess" NOT NULL,
    "behaviour" "app"."AttributeBehaviour" NOT NULL,
    "update_requirement" TEXT,
    "is_model_level" BOOLEAN NOT NULL,
    "inherits_from_model" BOOLEAN NOT NULL,
    "derived_from" TEXT,
    "mandatory_for" "app"."BatteryCategory"[],
    "voluntary_for" "app"."BatteryCategory"[],
    "catalogue_version" TEXT NOT NULL,

    CONSTRAINT "attribute_definition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."lmt_reference_battery" (
    "code" VARCHAR(40) NOT NULL,
    "brand" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "chemistry" TEXT NOT NULL,
    "nominal_voltage_v" DECIMAL(6,2) NOT NULL,
    "capacity_ah" DECIMAL(6,2) NOT NULL,
    "energy_wh" INTEGER NOT NULL,
    "mass_kg" DECIMAL(6,3) NOT NULL,
    "cell_format" TEXT NOT NULL,
    "configuration" TEXT NOT NULL,
    "baseline_attributes" JSONB NOT NULL,

    CONSTRAINT "lmt_reference_battery_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "app"."battery_model" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "model_code" VARCHAR(100) NOT NULL,
    "name" TEXT NOT NULL,
    "battery_category" "app"."BatteryCategory" NOT NULL,
    "reference_code" VARCHAR(40),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "battery_model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."passport" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "public_id" VARCHAR(64) NOT NULL,
    "model_id" UUID NOT NULL,
    "serial_number" VARCHAR(100) NOT NULL,
    "production_date" DATE,
    "lifecycle_state" "app"."PassportLifecycleState" NOT NULL DEFAULT 'ORIGINAL',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "passport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."attribute_value" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "attribute_id" INTEGER NOT NULL,
    "holder_kind" "app"."AttributeHolderKind" NOT NULL,
    "model_id" UUID,
    "passport_id" UUID,
    "value_text" TEXT,
    "value_numeric" DECIMAL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attribute_value_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."bom" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "model_id" UUID,
    "passport_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bom_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."bom_line" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "bom_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "part_number" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "material" TEXT,
    "supplier" TEXT,
    "quantity" DECIMAL(12,3) NOT NULL,
    "mass_kg" DECIMAL(12,4) NOT NULL,

    CONSTRAINT "bom_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."reading" (
    "passport_id" UUID NOT NULL,
    "measured_at" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" UUID NOT NULL,
    "state_of_health_pct" DECIMAL(5,2),
    "state_of_charge_pct" DECIMAL(5,2),
    "cycle_count" INTEGER,
    "voltage_v" DECIMAL(8,3),
    "current_a" DECIMAL(8,3),
    "temperature_c" DECIMAL(5,2),
    "remaining_capacity_ah" DECIMAL(8,3),
    "ingest_batch_id" UUID,

    CONSTRAINT "reading_pkey" PRIMARY KEY ("passport_id","measured_at")
);

-- CreateTable
CREATE TABLE "app"."reading_ingest_batch" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "idempotency_key" VARCHAR(200) NOT NULL,
    "request_hash" VARCHAR(64) NOT NULL,
    "reading_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reading_ingest_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."api_key" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL,
    "scopes" TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "attribute_definition_key_key" ON "app"."attribute_definition"("key");

-- CreateIndex
CREATE INDEX "battery_model_tenant_id_created_at_id_idx" ON "app"."battery_model"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "battery_model_tenant_id_model_code_key" ON "app"."battery_model"("tenant_id", "model_code");

-- CreateIndex
CREATE UNIQUE INDEX "passport_public_id_key" ON "app"."passport"("public_id");

-- CreateIndex
CREATE INDEX "passport_tenant_id_created_at_id_idx" ON "app"."passport"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "passport_model_id_serial_number_key" ON "app"."passport"("model_id", "serial_number");

-- CreateIndex
CREATE INDEX "attribute_value_tenant_id_idx" ON "app"."attribute_value"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "attribute_value_model_id_attribute_id_key" ON "app"."attribute_value"("model_id", "attribute_id");

-- CreateIndex
CREATE UNIQUE INDEX "attribute_value_passport_id_attribute_id_key" ON "app"."attribute_value"("passport_id", "attribute_id");

-- CreateIndex
CREATE UNIQUE INDEX "bom_model_id_key" ON "app"."bom"("model_id");

-- CreateIndex
CREATE UNIQUE INDEX "bom_passport_id_key" ON "app"."bom"("passport_id");

-- CreateIndex
CREATE INDEX "bom_tenant_id_idx" ON "app"."bom"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "bom_line_bom_id_position_key" ON "app"."bom_line"("bom_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "reading_ingest_batch_tenant_id_idempotency_key_key" ON "app"."reading_ingest_batch"("tenant_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_key_hash_key" ON "app"."api_key"("key_hash");

-- CreateIndex
CREATE INDEX "api_key_tenant_id_created_at_id_idx" ON "app"."api_key"("tenant_id", "created_at", "id");

-- AddForeignKey
ALTER TABLE "app"."battery_model" ADD CONSTRAINT "battery_model_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."battery_model" ADD CONSTRAINT "battery_model_reference_code_fkey" FOREIGN KEY ("reference_code") REFERENCES "app"."lmt_reference_battery"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."passport" ADD CONSTRAINT "passport_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."passport" ADD CONSTRAINT "passport_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "app"."battery_model"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."attribute_value" ADD CONSTRAINT "attribute_value_attribute_id_fkey" FOREIGN KEY ("attribute_id") REFERENCES "app"."attribute_definition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."attribute_value" ADD CONSTRAINT "attribute_value_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "app"."battery_model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."attribute_value" ADD CONSTRAINT "attribute_value_passport_id_fkey" FOREIGN KEY ("passport_id") REFERENCES "app"."passport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."bom" ADD CONSTRAINT "bom_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "app"."battery_model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."bom" ADD CONSTRAINT "bom_passport_id_fkey" FOREIGN KEY ("passport_id") REFERENCES "app"."passport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."bom_line" ADD CONSTRAINT "bom_line_bom_id_fkey" FOREIGN KEY ("bom_id") REFERENCES "app"."bom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."reading" ADD CONSTRAINT "reading_passport_id_fkey" FOREIGN KEY ("passport_id") REFERENCES "app"."passport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."api_key" ADD CONSTRAINT "api_key_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."api_key" ADD CONSTRAINT "api_key_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app"."user"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Checks Prisma cannot express (hand-written; prisma migrate diff does not see them).

-- A value belongs to exactly one holder, named by holder_kind.
ALTER TABLE "app"."attribute_value" ADD CONSTRAINT "attribute_value_one_holder" CHECK (
  ("holder_kind" = 'MODEL' AND "model_id" IS NOT NULL AND "passport_id" IS NULL)
  OR ("holder_kind" = 'PASSPORT' AND "passport_id" IS NOT NULL AND "model_id" IS NULL)
);

-- Exactly one typed column carries the value.
ALTER TABLE "app"."attribute_value" ADD CONSTRAINT "attribute_value_one_value" CHECK (
  ("value_text" IS NULL) <> ("value_numeric" IS NULL)
);

-- A BOM is the model's primary BOM or a legacy per-passport BOM, never both.
ALTER TABLE "app"."bom" ADD CONSTRAINT "bom_one_holder" CHECK (("model_id" IS NULL) <> ("passport_id" IS NULL));

-- A public id goes into a URL and a QR code.
ALTER TABLE "app"."passport" ADD CONSTRAINT "passport_public_id_url_safe" CHECK ("public_id" ~ '^[A-Za-z0-9_-]{8,64}$');
