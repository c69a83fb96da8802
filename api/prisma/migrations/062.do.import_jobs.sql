-- CreateEnum
CREATE TYPE "app"."ImportKind" AS ENUM ('MODELS', 'PASSPORTS');

-- CreateEnum
CREATE TYPE "app"."ImportJobStatus" AS ENUM ('QUEUED', 'CHECKING', 'STORING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "app"."passport" ADD COLUMN     "import_job_id" UUID;

-- CreateTable
CREATE TABLE "app"."import_job" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "kind" "app"."ImportKind" NOT NULL,
    "status" "app"."ImportJobStatus" NOT NULL DEFAULT 'QUEUED',
    "file_name" VARCHAR(200) NOT NULL,
    "file" BYTEA,
    "total_bytes" INTEGER NOT NULL,
    "processed_bytes" INTEGER NOT NULL DEFAULT 0,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "problems" JSONB,
    "problem_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by_id" UUID,
    "api_key_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_job_tenant_id_created_at_id_idx" ON "app"."import_job"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "passport_import_job_id_idx" ON "app"."passport"("import_job_id");

-- AddForeignKey
ALTER TABLE "app"."passport" ADD CONSTRAINT "passport_import_job_id_fkey" FOREIGN KEY ("import_job_id") REFERENCES "app"."import_job"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."import_job" ADD CONSTRAINT "import_job_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

