import { Prisma } from "../../generated/prisma/client.ts";

/** Whether Postgres refused a write for a duplicate on a unique index (partial ones included). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return typeof error === "object" && error !== null && "code" in error && error.code === "23505";
}
