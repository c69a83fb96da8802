-- CreateEnum
CREATE TYPE "app"."GarageUnitSource" AS ENUM ('REGISTERED', 'ON_CHAIN', 'IMPORTED');

-- CreateEnum
CREATE TYPE "app"."UsageUnit" AS ENUM ('KM', 'MI', 'HOURS', 'CYCLES');

-- CreateEnum
CREATE TYPE "app"."UnitEntryKind" AS ENUM ('FUEL', 'CHARGING', 'SERVICE', 'EXPENSE', 'USAGE', 'NOTE');

-- CreateEnum
CREATE TYPE "app"."UnitEntrySource" AS ENUM ('OWNER', 'SERVICE_CENTRE', 'IMPORT');

-- CreateEnum
CREATE TYPE "app"."UnitAccessPurpose" AS ENUM ('VIEW_RECORDS', 'ADD_LOGS', 'BOOK_SERVICE', 'EXPORT');

-- CreateEnum
CREATE TYPE "app"."ServiceLinkStatus" AS ENUM ('PENDING', 'ACTIVE', 'DECLINED', 'REVOKED');

-- CreateEnum
CREATE TYPE "app"."ServiceLinkMethod" AS ENUM ('INVITE', 'ACCESS_CODE', 'BOOKING');

-- CreateEnum
CREATE TYPE "app"."RecommendationStatus" AS ENUM ('OPEN', 'DONE', 'DISMISSED');

-- CreateEnum
CREATE TYPE "app"."PlatformRole" AS ENUM ('MODERATOR');

-- CreateEnum
CREATE TYPE "app"."VerificationStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "app"."ServiceStaffRole" AS ENUM ('OWNER', 'MANAGER', 'RECEPTIONIST', 'MECHANIC');

-- CreateEnum
CREATE TYPE "app"."AppointmentStatus" AS ENUM ('REQUESTED', 'CONFIRMED', 'DECLINED', 'CANCELLED', 'CONVERTED');

-- CreateEnum
CREATE TYPE "app"."CatalogueItemKind" AS ENUM ('LABOUR', 'PART', 'FLUID', 'MATERIAL');

-- CreateEnum
CREATE TYPE "app"."InventoryTransactionKind" AS ENUM ('RECEIPT', 'CONSUMPTION', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "app"."WorkOrderStatus" AS ENUM ('REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'AWAITING_PARTS', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "app"."RepairAnchorStatus" AS ENUM ('PENDING', 'SUBMITTED', 'ANCHORED', 'NOT_ON_CHAIN');

-- CreateEnum
CREATE TYPE "app"."CorrectionStatus" AS ENUM ('REQUESTED', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "app"."DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'DEAD');

-- AlterEnum
ALTER TYPE "app"."OrganizationKind" ADD VALUE 'OWNER';

-- CreateTable
CREATE TABLE "app"."garage_unit" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "owner_user_id" UUID NOT NULL,
    "source" "app"."GarageUnitSource" NOT NULL,
    "nickname" VARCHAR(100),
    "usage_unit" "app"."UsageUnit" NOT NULL DEFAULT 'KM',
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "released_at" TIMESTAMPTZ(3),

    CONSTRAINT "garage_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."unit_entry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "kind" "app"."UnitEntryKind" NOT NULL,
    "source" "app"."UnitEntrySource" NOT NULL DEFAULT 'OWNER',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "category" VARCHAR(60),
    "amount_cents" BIGINT,
    "currency" VARCHAR(3),
    "quantity" DECIMAL(12,3),
    "quantity_unit" VARCHAR(10),
    "usage_value" DECIMAL(14,1),
    "usage_unit" "app"."UsageUnit",
    "details" JSONB NOT NULL DEFAULT '{}',
    "service_org_id" UUID,
    "work_order_id" UUID,
    "source_ref" VARCHAR(100),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."usage_reading" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,
    "value" DECIMAL(14,1) NOT NULL,
    "unit" "app"."UsageUnit" NOT NULL,
    "entry_id" UUID,
    "source" "app"."UnitEntrySource" NOT NULL DEFAULT 'OWNER',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_reading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."ownership_settings" (
    "passport_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'EUR',
    "purchase_price_cents" BIGINT,
    "purchased_on" DATE,
    "depreciation_pct_per_year" DECIMAL(5,2),
    "loan_principal_cents" BIGINT,
    "loan_rate_pct" DECIMAL(5,2),
    "loan_term_months" INTEGER,
    "loan_starts_on" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ownership_settings_pkey" PRIMARY KEY ("tenant_id","passport_id")
);

-- CreateTable
CREATE TABLE "app"."unit_access_grant" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "grantee_id" UUID NOT NULL,
    "purposes" "app"."UnitAccessPurpose"[],
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "unit_access_grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."service_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "service_org_id" UUID NOT NULL,
    "status" "app"."ServiceLinkStatus" NOT NULL,
    "method" "app"."ServiceLinkMethod" NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "service_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."service_access_code" (
    "code_hash" VARCHAR(64) NOT NULL,
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "used_by_org_id" UUID,

    CONSTRAINT "service_access_code_pkey" PRIMARY KEY ("code_hash")
);

-- CreateTable
CREATE TABLE "app"."maintenance_recommendation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "service_org_id" UUID,
    "work_order_id" UUID,
    "title" VARCHAR(200) NOT NULL,
    "due_on" DATE,
    "due_usage" DECIMAL(14,1),
    "usage_unit" "app"."UsageUnit",
    "status" "app"."RecommendationStatus" NOT NULL DEFAULT 'OPEN',
    "source_ref" VARCHAR(100),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "maintenance_recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."platform_role_grant" (
    "user_id" UUID NOT NULL,
    "role" "app"."PlatformRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_role_grant_pkey" PRIMARY KEY ("user_id","role")
);

-- CreateTable
CREATE TABLE "app"."service_centre_profile" (
    "organization_id" UUID NOT NULL,
    "display_name" VARCHAR(200) NOT NULL,
    "city" VARCHAR(100),
    "address" VARCHAR(300),
    "phone" VARCHAR(40),
    "currency" VARCHAR(3) NOT NULL DEFAULT 'EUR',
    "provider_wallet" VARCHAR(42),
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_centre_profile_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "app"."service_centre_verification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "status" "app"."VerificationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "documents" JSONB NOT NULL,
    "note" VARCHAR(2000),
    "submitted_by_id" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "reason" VARCHAR(2000),

    CONSTRAINT "service_centre_verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."service_staff" (
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "app"."ServiceStaffRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_staff_pkey" PRIMARY KEY ("organization_id","user_id")
);

-- CreateTable
CREATE TABLE "app"."service_booking_settings" (
    "organization_id" UUID NOT NULL,
    "timezone" VARCHAR(60) NOT NULL DEFAULT 'UTC',
    "weekly_hours" JSONB NOT NULL,
    "slot_minutes" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_booking_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "app"."service_holiday" (
    "organization_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "reason" VARCHAR(200),

    CONSTRAINT "service_holiday_pkey" PRIMARY KEY ("organization_id","day")
);

-- CreateTable
CREATE TABLE "app"."service_appointment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "owner_org_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "app"."AppointmentStatus" NOT NULL DEFAULT 'REQUESTED',
    "note" VARCHAR(2000),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."service_catalogue_item" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "sku" VARCHAR(60) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" "app"."CatalogueItemKind" NOT NULL,
    "unit" VARCHAR(10) NOT NULL,
    "unit_price_cents" BIGINT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_catalogue_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."inventory_transaction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "catalogue_item_id" UUID NOT NULL,
    "kind" "app"."InventoryTransactionKind" NOT NULL,
    "quantity" DECIMAL(12,3) NOT NULL,
    "work_order_id" UUID,
    "note" VARCHAR(300),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inventory_transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."work_order" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "passport_id" UUID NOT NULL,
    "owner_org_id" UUID NOT NULL,
    "appointment_id" UUID,
    "assigned_user_id" UUID,
    "status" "app"."WorkOrderStatus" NOT NULL DEFAULT 'REQUESTED',
    "complaint" VARCHAR(2000),
    "usage_at_intake" DECIMAL(14,1),
    "currency" VARCHAR(3) NOT NULL DEFAULT 'EUR',
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "work_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."work_order_status_change" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "work_order_id" UUID NOT NULL,
    "from_status" "app"."WorkOrderStatus",
    "to_status" "app"."WorkOrderStatus" NOT NULL,
    "changed_by_id" UUID NOT NULL,
    "note" VARCHAR(500),
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."work_order_labour" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "work_order_id" UUID NOT NULL,
    "catalogue_item_id" UUID,
    "description" VARCHAR(300) NOT NULL,
    "hours" DECIMAL(8,2) NOT NULL,
    "rate_cents" BIGINT NOT NULL,
    "next_service_months" INTEGER,
    "next_service_usage" DECIMAL(14,1),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_labour_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."work_order_part" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "work_order_id" UUID NOT NULL,
    "catalogue_item_id" UUID NOT NULL,
    "sku" VARCHAR(60) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" "app"."CatalogueItemKind" NOT NULL,
    "unit" VARCHAR(10) NOT NULL,
    "quantity" DECIMAL(12,3) NOT NULL,
    "unit_price_cents" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_part_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."service_record" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "work_order_id" UUID NOT NULL,
    "passport_id" UUID NOT NULL,
    "owner_org_id" UUID NOT NULL,
    "document" JSONB NOT NULL,
    "form_hash" VARCHAR(66) NOT NULL,
    "total_cents" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."repair_anchor" (
    "service_record_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "status" "app"."RepairAnchorStatus" NOT NULL DEFAULT 'PENDING',
    "provider_wallet" VARCHAR(42),
    "unit_id" VARCHAR(80),
    "raw_transaction" TEXT,
    "transaction_hash" VARCHAR(66),
    "chain_id" INTEGER,
    "repair_id" VARCHAR(80),
    "block_number" BIGINT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" VARCHAR(2000),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "anchored_at" TIMESTAMPTZ(3),

    CONSTRAINT "repair_anchor_pkey" PRIMARY KEY ("service_record_id")
);

-- CreateTable
CREATE TABLE "app"."work_order_correction" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "work_order_id" UUID NOT NULL,
    "owner_org_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "reason" VARCHAR(2000) NOT NULL,
    "changes" JSONB NOT NULL,
    "status" "app"."CorrectionStatus" NOT NULL DEFAULT 'REQUESTED',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_note" VARCHAR(2000),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_order_correction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."service_review" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "work_order_id" UUID NOT NULL,
    "owner_org_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "rating" INTEGER NOT NULL,
    "body" VARCHAR(4000),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."service_review_comment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "review_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" VARCHAR(4000) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_review_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "user_id" UUID,
    "kind" VARCHAR(60) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" VARCHAR(2000) NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "idempotency_key" VARCHAR(200) NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."webhook_endpoint" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "secret" VARCHAR(100) NOT NULL,
    "kinds" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."webhook_delivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "status" "app"."DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status" INTEGER,
    "last_error" VARCHAR(2000),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "dead_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."audit_log_entry" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "actor_id" UUID,
    "action" VARCHAR(80) NOT NULL,
    "subject_type" VARCHAR(60) NOT NULL,
    "subject_id" VARCHAR(80) NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."exchange_import" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "document_hash" VARCHAR(66) NOT NULL,
    "passport_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "garage_unit_passport_id_idx" ON "app"."garage_unit"("passport_id");

-- CreateIndex
CREATE UNIQUE INDEX "garage_unit_tenant_id_passport_id_key" ON "app"."garage_unit"("tenant_id", "passport_id");

-- CreateIndex
CREATE INDEX "unit_entry_passport_id_occurred_at_id_idx" ON "app"."unit_entry"("passport_id", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "unit_entry_tenant_id_occurred_at_idx" ON "app"."unit_entry"("tenant_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "unit_entry_passport_id_source_ref_key" ON "app"."unit_entry"("passport_id", "source_ref");

-- CreateIndex
CREATE INDEX "usage_reading_passport_id_read_at_idx" ON "app"."usage_reading"("passport_id", "read_at" DESC);

-- CreateIndex
CREATE INDEX "unit_access_grant_grantee_id_passport_id_idx" ON "app"."unit_access_grant"("grantee_id", "passport_id");

-- CreateIndex
CREATE INDEX "unit_access_grant_tenant_id_passport_id_idx" ON "app"."unit_access_grant"("tenant_id", "passport_id");

-- CreateIndex
CREATE INDEX "service_link_service_org_id_status_idx" ON "app"."service_link"("service_org_id", "status");

-- CreateIndex
CREATE INDEX "service_link_tenant_id_idx" ON "app"."service_link"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_link_passport_id_service_org_id_key" ON "app"."service_link"("passport_id", "service_org_id");

-- CreateIndex
CREATE INDEX "service_access_code_tenant_id_idx" ON "app"."service_access_code"("tenant_id");

-- CreateIndex
CREATE INDEX "maintenance_recommendation_tenant_id_passport_id_status_idx" ON "app"."maintenance_recommendation"("tenant_id", "passport_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_recommendation_passport_id_source_ref_key" ON "app"."maintenance_recommendation"("passport_id", "source_ref");

-- CreateIndex
CREATE INDEX "service_centre_verification_status_submitted_at_idx" ON "app"."service_centre_verification"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "service_centre_verification_organization_id_idx" ON "app"."service_centre_verification"("organization_id");

-- CreateIndex
CREATE INDEX "service_appointment_tenant_id_starts_at_idx" ON "app"."service_appointment"("tenant_id", "starts_at");

-- CreateIndex
CREATE INDEX "service_appointment_owner_org_id_starts_at_idx" ON "app"."service_appointment"("owner_org_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "service_catalogue_item_tenant_id_sku_key" ON "app"."service_catalogue_item"("tenant_id", "sku");

-- CreateIndex
CREATE INDEX "inventory_transaction_tenant_id_catalogue_item_id_idx" ON "app"."inventory_transaction"("tenant_id", "catalogue_item_id");

-- CreateIndex
CREATE INDEX "inventory_transaction_work_order_id_idx" ON "app"."inventory_transaction"("work_order_id");

-- CreateIndex
CREATE UNIQUE INDEX "work_order_appointment_id_key" ON "app"."work_order"("appointment_id");

-- CreateIndex
CREATE INDEX "work_order_tenant_id_status_created_at_idx" ON "app"."work_order"("tenant_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "work_order_passport_id_idx" ON "app"."work_order"("passport_id");

-- CreateIndex
CREATE UNIQUE INDEX "work_order_tenant_id_number_key" ON "app"."work_order"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "work_order_status_change_work_order_id_changed_at_idx" ON "app"."work_order_status_change"("work_order_id", "changed_at");

-- CreateIndex
CREATE INDEX "work_order_labour_work_order_id_idx" ON "app"."work_order_labour"("work_order_id");

-- CreateIndex
CREATE INDEX "work_order_part_work_order_id_idx" ON "app"."work_order_part"("work_order_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_record_work_order_id_key" ON "app"."service_record"("work_order_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_record_form_hash_key" ON "app"."service_record"("form_hash");

-- CreateIndex
CREATE INDEX "service_record_passport_id_completed_at_idx" ON "app"."service_record"("passport_id", "completed_at");

-- CreateIndex
CREATE INDEX "repair_anchor_status_idx" ON "app"."repair_anchor"("status");

-- CreateIndex
CREATE INDEX "work_order_correction_work_order_id_idx" ON "app"."work_order_correction"("work_order_id");

-- CreateIndex
CREATE INDEX "work_order_correction_owner_org_id_status_idx" ON "app"."work_order_correction"("owner_org_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "service_review_work_order_id_key" ON "app"."service_review"("work_order_id");

-- CreateIndex
CREATE INDEX "service_review_tenant_id_created_at_idx" ON "app"."service_review"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "service_review_comment_review_id_created_at_idx" ON "app"."service_review_comment"("review_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_idempotency_key_key" ON "app"."notification"("idempotency_key");

-- CreateIndex
CREATE INDEX "notification_tenant_id_created_at_idx" ON "app"."notification"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_endpoint_tenant_id_idx" ON "app"."webhook_endpoint"("tenant_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_tenant_id_status_idx" ON "app"."webhook_delivery"("tenant_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_endpoint_id_notification_id_key" ON "app"."webhook_delivery"("endpoint_id", "notification_id");

-- CreateIndex
CREATE INDEX "audit_log_entry_tenant_id_created_at_idx" ON "app"."audit_log_entry"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_import_tenant_id_document_hash_key" ON "app"."exchange_import"("tenant_id", "document_hash");


-- Every row belongs to a tenant; units are passports. (Relations are kept out of the Prisma schema so
-- the service domain stays beside the passport platform rather than inside its models.)
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['garage_unit', 'unit_entry', 'usage_reading', 'ownership_settings', 'unit_access_grant',
    'service_link', 'service_access_code', 'maintenance_recommendation', 'service_appointment',
    'service_catalogue_item', 'inventory_transaction', 'work_order', 'work_order_status_change', 'work_order_labour',
    'work_order_part', 'service_record', 'repair_anchor', 'work_order_correction', 'service_review',
    'service_review_comment', 'notification', 'webhook_endpoint', 'webhook_delivery', 'audit_log_entry',
    'exchange_import']
  LOOP
    EXECUTE format('ALTER TABLE "app".%I ADD CONSTRAINT %I FOREIGN KEY ("tenant_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE', t, t || '_tenant_fkey');
  END LOOP;
  FOREACH t IN ARRAY ARRAY['garage_unit', 'unit_entry', 'usage_reading', 'ownership_settings', 'unit_access_grant',
    'service_link', 'service_access_code', 'maintenance_recommendation', 'service_appointment', 'work_order',
    'service_record', 'exchange_import']
  LOOP
    EXECUTE format('ALTER TABLE "app".%I ADD CONSTRAINT %I FOREIGN KEY ("passport_id") REFERENCES "app"."passport"("id") ON DELETE CASCADE', t, t || '_passport_fkey');
  END LOOP;
  FOREACH t IN ARRAY ARRAY['service_centre_profile', 'service_centre_verification', 'service_staff',
    'service_booking_settings', 'service_holiday']
  LOOP
    EXECUTE format('ALTER TABLE "app".%I ADD CONSTRAINT %I FOREIGN KEY ("organization_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE', t, t || '_organization_fkey');
  END LOOP;
END $$;

ALTER TABLE "app"."service_staff" ADD CONSTRAINT "service_staff_membership_fkey"
  FOREIGN KEY ("organization_id", "user_id") REFERENCES "app"."membership"("organization_id", "user_id") ON DELETE CASCADE;
ALTER TABLE "app"."work_order_status_change" ADD CONSTRAINT "work_order_status_change_work_order_fkey"
  FOREIGN KEY ("work_order_id") REFERENCES "app"."work_order"("id") ON DELETE CASCADE;
ALTER TABLE "app"."work_order_labour" ADD CONSTRAINT "work_order_labour_work_order_fkey"
  FOREIGN KEY ("work_order_id") REFERENCES "app"."work_order"("id") ON DELETE CASCADE;
ALTER TABLE "app"."work_order_part" ADD CONSTRAINT "work_order_part_work_order_fkey"
  FOREIGN KEY ("work_order_id") REFERENCES "app"."work_order"("id") ON DELETE CASCADE;
ALTER TABLE "app"."work_order_part" ADD CONSTRAINT "work_order_part_catalogue_item_fkey"
  FOREIGN KEY ("catalogue_item_id") REFERENCES "app"."service_catalogue_item"("id");
ALTER TABLE "app"."inventory_transaction" ADD CONSTRAINT "inventory_transaction_catalogue_item_fkey"
  FOREIGN KEY ("catalogue_item_id") REFERENCES "app"."service_catalogue_item"("id") ON DELETE CASCADE;
ALTER TABLE "app"."service_record" ADD CONSTRAINT "service_record_work_order_fkey"
  FOREIGN KEY ("work_order_id") REFERENCES "app"."work_order"("id");
ALTER TABLE "app"."repair_anchor" ADD CONSTRAINT "repair_anchor_service_record_fkey"
  FOREIGN KEY ("service_record_id") REFERENCES "app"."service_record"("id") ON DELETE CASCADE;
ALTER TABLE "app"."webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_fkey"
  FOREIGN KEY ("endpoint_id") REFERENCES "app"."webhook_endpoint"("id") ON DELETE CASCADE;
ALTER TABLE "app"."webhook_delivery" ADD CONSTRAINT "webhook_delivery_notification_fkey"
  FOREIGN KEY ("notification_id") REFERENCES "app"."notification"("id") ON DELETE CASCADE;
ALTER TABLE "app"."service_review_comment" ADD CONSTRAINT "service_review_comment_review_fkey"
  FOREIGN KEY ("review_id") REFERENCES "app"."service_review"("id") ON DELETE CASCADE;
ALTER TABLE "app"."work_order_correction" ADD CONSTRAINT "work_order_correction_work_order_fkey"
  FOREIGN KEY ("work_order_id") REFERENCES "app"."work_order"("id") ON DELETE CASCADE;

-- Checks the domain relies on.
ALTER TABLE "app"."service_booking_settings" ADD CONSTRAINT "service_booking_settings_slot_check"
  CHECK ("slot_minutes" BETWEEN 5 AND 480 AND "capacity" BETWEEN 1 AND 100);
ALTER TABLE "app"."service_review" ADD CONSTRAINT "service_review_rating_check" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "app"."service_appointment" ADD CONSTRAINT "service_appointment_span_check" CHECK ("ends_at" > "starts_at");
ALTER TABLE "app"."work_order_part" ADD CONSTRAINT "work_order_part_quantity_check" CHECK ("quantity" > 0);
ALTER TABLE "app"."work_order_labour" ADD CONSTRAINT "work_order_labour_hours_check" CHECK ("hours" > 0);

-- What is recorded stays recorded: service records, the status history and the audit log are
-- append-only, and timeline entries a centre or an import wrote are not the owner's to edit.

-- A cascade from a deleted organization or passport still removes everything: it runs these
-- triggers below another trigger (depth > 1).
CREATE FUNCTION "app"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER "service_record_immutable" BEFORE UPDATE OR DELETE ON "app"."service_record"
  FOR EACH ROW EXECUTE FUNCTION "app"."refuse_change"();
CREATE TRIGGER "work_order_status_change_immutable" BEFORE UPDATE OR DELETE ON "app"."work_order_status_change"
  FOR EACH ROW EXECUTE FUNCTION "app"."refuse_change"();
CREATE TRIGGER "audit_log_entry_immutable" BEFORE UPDATE OR DELETE ON "app"."audit_log_entry"
  FOR EACH ROW EXECUTE FUNCTION "app"."refuse_change"();
CREATE TRIGGER "unit_entry_immutable" BEFORE UPDATE OR DELETE ON "app"."unit_entry"
  FOR EACH ROW WHEN (OLD."source" <> 'OWNER') EXECUTE FUNCTION "app"."refuse_change"();


-- A unit is in one garage at a time: a new on-chain owner's claim releases the previous one.
CREATE UNIQUE INDEX "garage_unit_one_holder" ON "app"."garage_unit"("passport_id") WHERE "released_at" IS NULL;
-- One work order per centre and number, numbered in order of creation.
CREATE INDEX "work_order_passport_status" ON "app"."work_order"("passport_id", "status");
