-- AlterTable
ALTER TABLE "app"."passport_version" DROP COLUMN "entry_proofs",
ADD COLUMN     "entry_tree" JSONB;

