-- CreateEnum
CREATE TYPE "app"."MeterDirection" AS ENUM ('IMPORT', 'EXPORT');

-- CreateTable
CREATE TABLE "app"."meter_reading" (
    "asset_id" UUID NOT NULL,
    "direction" "app"."MeterDirection" NOT NULL,
    "interval_start" TIMESTAMPTZ(0) NOT NULL,
    "tenant_id" UUID NOT NULL,
    "community_id" UUID NOT NULL,
    "energy_wh" BIGINT NOT NULL,

    CONSTRAINT "meter_reading_pkey" PRIMARY KEY ("asset_id","direction","interval_start")
);

-- CreateTable
CREATE TABLE "app"."energy_balance_hour" (
    "community_id" UUID NOT NULL,
    "area" VARCHAR(64) NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "tenant_id" UUID NOT NULL,
    "production_wh" BIGINT NOT NULL DEFAULT 0,
    "fed_in_wh" BIGINT NOT NULL DEFAULT 0,
    "drawn_wh" BIGINT NOT NULL DEFAULT 0,
    "readings" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "energy_balance_hour_pkey" PRIMARY KEY ("community_id","area","hour")
);

