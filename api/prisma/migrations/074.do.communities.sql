-- CreateEnum
CREATE TYPE "app"."CommunityMemberRole" AS ENUM ('CONSUMER', 'PROSUMER', 'PRODUCER', 'OPERATOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "app"."CommunityMemberStatus" AS ENUM ('PENDING', 'ACTIVE', 'SUSPENDED', 'INACTIVE');

-- CreateTable
CREATE TABLE "app"."community" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "key" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" VARCHAR(4000),
    "areas" JSONB NOT NULL DEFAULT '[]',
    "topology" JSONB NOT NULL DEFAULT '[]',
    "legal" JSONB NOT NULL DEFAULT '{}',
    "links" JSONB NOT NULL DEFAULT '{}',
    "contact" JSONB NOT NULL DEFAULT '{}',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "extra" JSONB NOT NULL DEFAULT '{}',
    "minted_members" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "community_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app"."community_member" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "community_id" UUID NOT NULL,
    "key" VARCHAR(32) NOT NULL,
    "user_id" UUID,
    "external_user_id" VARCHAR(200),
    "name" VARCHAR(200) NOT NULL,
    "role" "app"."CommunityMemberRole" NOT NULL,
    "area" VARCHAR(64),
    "status" "app"."CommunityMemberStatus" NOT NULL DEFAULT 'PENDING',
    "extra" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "community_member_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "community_tenant_id_key_key" ON "app"."community"("tenant_id", "key");

-- CreateIndex
CREATE INDEX "community_member_tenant_id_community_id_status_idx" ON "app"."community_member"("tenant_id", "community_id", "status");

-- CreateIndex
CREATE INDEX "community_member_user_id_idx" ON "app"."community_member"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "community_member_community_id_key_key" ON "app"."community_member"("community_id", "key");

-- AddForeignKey
ALTER TABLE "app"."community" ADD CONSTRAINT "community_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "app"."organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."community_member" ADD CONSTRAINT "community_member_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "app"."community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app"."community_member" ADD CONSTRAINT "community_member_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app"."user"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A user is at most one live member of a community.
CREATE UNIQUE INDEX "community_member_live_user_key" ON "app"."community_member"("community_id", "user_id")
  WHERE "user_id" IS NOT NULL AND "deleted_at" IS NULL;
