-- AlterTable
ALTER TABLE "app"."user" ADD COLUMN     "telegram_id" VARCHAR(32),
ALTER COLUMN "address" DROP NOT NULL;

-- CreateTable
CREATE TABLE "app"."telegram_sign_in" (
    "init_data_hash" VARCHAR(64) NOT NULL,
    "used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telegram_sign_in_pkey" PRIMARY KEY ("init_data_hash")
);

-- CreateIndex
CREATE INDEX "telegram_sign_in_used_at_idx" ON "app"."telegram_sign_in"("used_at");

-- CreateIndex
CREATE UNIQUE INDEX "user_telegram_id_key" ON "app"."user"("telegram_id");

ALTER TABLE "app"."user" ADD CONSTRAINT "user_has_identity" CHECK ("address" IS NOT NULL OR "telegram_id" IS NOT NULL);
