import { sql } from "kysely";
import type { BatteryCategory, PassportLifecycleState } from "../../generated/prisma/enums.ts";
import type { Database } from "../database/Database.ts";
import { ValidationError } from "../errors/ApiError.ts";

export const PASSPORT_SORT_KEYS = ["createdAt", "serialNumber"] as const;
export type PassportSortKey = (typeof PASSPORT_SORT_KEYS)[number];
export type SortOrder = "asc" | "desc";

export interface PassportListQuery {
  modelId?: string;
  lifecycleState?: PassportLifecycleState;
  /** The start of a serial number (case-insensitive), or a whole public id. */
  search?: string;
  sort: PassportSortKey;
  order: SortOrder;
  limit: number;
  cursor?: string;
}

export interface PassportListRow {
  id: string;
  publicId: string;
  serialNumber: string;
  productionDate: string | null;
  lifecycleState: PassportLifecycleState;
  createdAt: Date;
  updatedAt: Date;
  model: { id: string; modelCode: string; name: string; batteryCategory: BatteryCategory };
}

export interface PassportListPage {
  items: PassportListRow[];
  nextCursor: string | null;
  /** Passports matching the filters, all pages together, counted up to MAX_COUNTED. */
  total: number;
  /** More than MAX_COUNTED match: `total` is MAX_COUNTED. */
  totalIsCapped: boolean;
}

/** Matches counted for a page's total: beyond it a count costs more than the page and says little more. */
export const MAX_COUNTED = 10_000;

const SORT_COLUMNS = { createdAt: "p.created_at", serialNumber: "p.serial_number" } as const satisfies Record<
  PassportSortKey,
  string
>;

/** The cursor names its sort, so a cursor of one order is never read as a position in another. */
interface ListCursor {
  sort: PassportSortKey;
  order: SortOrder;
  value: string;
  id: string;
}

function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString("base64url");
}

function decodeListCursor(cursor: string, sort: PassportSortKey, order: SortOrder): ListCursor {
  try {
    const [cursorSort, cursorOrder, value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (cursorSort === sort && cursorOrder === order && typeof value === "string" && /^[0-9a-f-]{36}$/.test(id)) {
      if (sort === "createdAt" && Number.isNaN(Date.parse(value))) throw new Error("bad date");
      return { sort, order, value, id };
    }
  } catch {
    // fall through
  }
  throw new ValidationError("cursor is not one this api issued for this sort order");
}

/** `%`, `_` and `\` in a search are literal characters, not patterns. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * One page of a tenant's passports, filtered, sorted and keyset-paginated in SQL, with the number
 * of matches. Each sort has an index that starts with the tenant (migration 061), so a page costs
 * the page, not the fleet; a serial-number search is a prefix, on the lower-cased serial's index (migration 063).
 */
export async function listPassports(
  db: Database,
  tenantId: string,
  query: PassportListQuery,
): Promise<PassportListPage> {
  const search = query.search?.trim();
  const matches = db.sql
    .selectFrom("passport as p")
    .where("p.tenant_id", "=", tenantId)
    .$if(query.modelId !== undefined, (q) => q.where("p.model_id", "=", query.modelId ?? ""))
    .$if(query.lifecycleState !== undefined, (q) =>
      q.where("p.lifecycle_state", "=", query.lifecycleState ?? "ORIGINAL"),
    )
    .$if(Boolean(search), (q) =>
      q.where((where) =>
        where.or([
          where(sql`lower(p.serial_number)`, "like", `${escapeLike((search ?? "").toLowerCase())}%`),
          where("p.public_id", "=", search ?? ""),
        ]),
      ),
    );

  const column = SORT_COLUMNS[query.sort];
  const direction = query.order === "asc" ? "asc" : "desc";
  const cursor = query.cursor ? decodeListCursor(query.cursor, query.sort, query.order) : undefined;
  const [pageRows, count] = await Promise.all([
    matches
      .innerJoin("battery_model as m", "m.id", "p.model_id")
      .select([
        "p.id",
        "p.public_id",
        "p.serial_number",
        sql<string | null>`to_char(p.production_date, 'YYYY-MM-DD')`.as("production_date"),
        "p.lifecycle_state",
        "p.created_at",
        "p.updated_at",
        sql<string>`to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("created_at_text"),
        "m.id as model_id",
        "m.model_code",
        "m.name as model_name",
        "m.battery_category",
      ])
      .$if(cursor !== undefined, (q) => {
        const type = sql.raw(query.sort === "createdAt" ? "timestamptz" : "text");
        const comparison = sql.raw(query.order === "asc" ? ">" : "<");
        return q.where(
          sql<boolean>`(${sql.ref(column)}, p.id) ${comparison} (${cursor?.value}::${type}, ${cursor?.id}::uuid)`,
        );
      })
      .orderBy(column, direction)
      .orderBy("p.id", direction)
      .limit(query.limit + 1)
      .execute(),
    db.sql
      .selectFrom(
        matches
          .select(sql.lit(1).as("one"))
          .limit(MAX_COUNTED + 1)
          .as("counted"),
      )
      .select(sql<number>`count(*)::int`.as("total"))
      .executeTakeFirst(),
  ]);
  const page = { rows: pageRows };

  const rows = page.rows.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({
      id: row.id,
      publicId: row.public_id,
      serialNumber: row.serial_number,
      productionDate: row.production_date,
      lifecycleState: row.lifecycle_state,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      model: {
        id: row.model_id,
        modelCode: row.model_code,
        name: row.model_name,
        batteryCategory: row.battery_category,
      },
    })),
    nextCursor:
      page.rows.length > query.limit && last
        ? encodeListCursor({
            sort: query.sort,
            order: query.order,
            // Microseconds: a JS Date would round the position to milliseconds and skip or repeat rows.
            value: query.sort === "createdAt" ? last.created_at_text : last.serial_number,
            id: last.id,
          })
        : null,
    total: Math.min(count?.total ?? 0, MAX_COUNTED),
    totalIsCapped: (count?.total ?? 0) > MAX_COUNTED,
  };
}
