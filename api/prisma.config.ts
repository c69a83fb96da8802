import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

// The js engine with a driver adapter lets `prisma migrate diff` run offline (no native engine).
export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgres://localhost/unused" });
  },
} satisfies PrismaConfig;
