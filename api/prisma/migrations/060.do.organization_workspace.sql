-- AlterTable
ALTER TABLE "app"."organization" ADD COLUMN     "city" VARCHAR(100),
ADD COLUMN     "country_code" CHAR(2),
ADD COLUMN     "eori" VARCHAR(17),
ADD COLUMN     "gln" VARCHAR(13),
ADD COLUMN     "legal_name" VARCHAR(200),
ADD COLUMN     "lei" VARCHAR(20),
ADD COLUMN     "postal_code" VARCHAR(16),
ADD COLUMN     "registration_number" VARCHAR(64),
ADD COLUMN     "street" VARCHAR(200),
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "vat_id" VARCHAR(15);

-- CreateTable
CREATE TABLE "app"."organization_invitation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "address" VARCHAR(42) NOT NULL,
    "role" "app"."MembershipRole" NOT NULL,
    "invited_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "declined_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "organization_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "organization_invitation_organization_id_created_at_id_idx" ON "app"."organization_invitation"("organization_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "organization_invitation_address_idx" ON "app"."organization_invitation"("address");

-- AddForeignKey
ALTER TABLE "app"."organization_invitation" ADD CONSTRAINT "organization_invitation_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."organization_invitation" ADD CONSTRAINT "organization_invitation_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "app"."user"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- At most one open invitation per organization and address (Prisma cannot express a partial index).
CREATE UNIQUE INDEX "organization_invitation_open_key" ON "app"."organization_invitation"("organization_id", "address")
    WHERE "accepted_at" IS NULL AND "declined_at" IS NULL AND "revoked_at" IS NULL;
