import { z } from "@hono/zod-openapi";
import { ValidationError } from "../errors/ApiError.ts";

/** Position after the last row of a page, for keyset pagination on (created_at desc, id desc). */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: "Rows per page (1-500)" }),
  cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the previous page" }),
});

const ISSUED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): PageCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    // Only what encodeCursor writes: other text could name an instant or an id Postgres refuses.
    if (typeof createdAt !== "string" || !ISSUED_INSTANT.test(createdAt) || Number.isNaN(date.getTime())) {
      throw new Error("bad cursor");
    }
    if (typeof id !== "string" || !UUID.test(id)) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new ValidationError("cursor is not one this api issued");
  }
}

/** Prisma filter for the rows after `cursor` in (createdAt desc, id desc) order. */
export function afterCursor(cursor: PageCursor | undefined) {
  if (!cursor) return {};
  return {
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}

export const pageOrder = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Splits a `limit + 1` fetch into the page and the cursor of the next one. */
export function toPage<T extends PageCursor>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

export function pageSchema<T extends z.ZodTypeAny>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}
