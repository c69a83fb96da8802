-- CreateEnum
CREATE TYPE "app"."DeliveryPointType" AS ENUM ('WITHDRAWAL', 'INJECTION', 'EXCHANGE');

-- CreateEnum
CREATE TYPE "app"."EnergyAssetType" AS ENUM ('PV', 'STORAGE', 'METER', 'EV_CHARGER', 'HEAT_PUMP', 'LOAD');

-- CreateTable
CREATE TABLE "app"."delivery_point" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "community_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "type" "app"."DeliveryPointType" NOT NULL,
    "description" VARCHAR(500),
    "address" JSONB NOT NULL DEFAULT '{}',
    "tariff" VARCHAR(64),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_point_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."energy_asset" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "community_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "key" VARCHAR(64) NOT NULL,
    "type" "app"."EnergyAssetType" NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "sensor_id" VARCHAR(100),
    "properties" JSONB NOT NULL DEFAULT '{}',
    "device" JSONB NOT NULL DEFAULT '{}',
    "relationships" JSONB NOT NULL DEFAULT '{}',
    "extra" JSONB NOT NULL DEFAULT '{}',
    "passport_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "energy_asset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delivery_point_tenant_id_community_id_member_id_idx" ON "app"."delivery_point"("tenant_id", "community_id", "member_id");

-- CreateIndex
CREATE INDEX "delivery_point_code_idx" ON "app"."delivery_point"("code");

-- CreateIndex
CREATE INDEX "energy_asset_tenant_id_community_id_type_idx" ON "app"."energy_asset"("tenant_id", "community_id", "type");

-- CreateIndex
CREATE INDEX "energy_asset_owner_id_idx" ON "app"."energy_asset"("owner_id");

-- CreateIndex
CREATE INDEX "energy_asset_passport_id_idx" ON "app"."energy_asset"("passport_id");

-- CreateIndex
CREATE UNIQUE INDEX "energy_asset_community_id_key_key" ON "app"."energy_asset"("community_id", "key");

-- AddForeignKey
ALTER TABLE "app"."delivery_point" ADD CONSTRAINT "delivery_point_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "app"."community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."delivery_point" ADD CONSTRAINT "delivery_point_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "app"."community_member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."energy_asset" ADD CONSTRAINT "energy_asset_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "app"."community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."energy_asset" ADD CONSTRAINT "energy_asset_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app"."community_member"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."energy_asset" ADD CONSTRAINT "energy_asset_passport_id_fkey" FOREIGN KEY ("passport_id") REFERENCES "app"."passport"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One active holder per delivery point across the platform.
CREATE UNIQUE INDEX "delivery_point_active_code_key" ON "app"."delivery_point"("code")
  WHERE "active" AND "deleted_at" IS NULL;

-- One live holder per sensor across the platform.
CREATE UNIQUE INDEX "energy_asset_live_sensor_key" ON "app"."energy_asset"("sensor_id")
  WHERE "sensor_id" IS NOT NULL AND "deleted_at" IS NULL;
