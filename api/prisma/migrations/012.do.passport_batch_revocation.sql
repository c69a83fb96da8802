-- AlterTable
ALTER TABLE "app"."passport_batch" ADD COLUMN     "revocation_block_number" BIGINT,
ADD COLUMN     "revocation_transaction_hash" VARCHAR(66);

