-- AlterTable
ALTER TABLE "app"."passport_version" ADD COLUMN     "entry_proofs" JSONB;

