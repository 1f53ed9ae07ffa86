import type { Queryable } from "../../db/database.ts";
import type { CursorKey } from "../pagination.ts";

/**
 * One ordering of one table for keyset pagination: ORDER BY key, id in one direction, and the
 * next page is WHERE (key, id) beyond the cursor's. The key must never be NULL (use coalesce with
 * a sentinel), or rows would fall out of the row comparison.
 */
export interface KeysetOrder {
  /** SQL expression over alias `t`. */
  key: string;
  /** How to read the cursor's key text back in SQL. */
  cast: "timestamptz" | "bigint" | "date" | "text";
  /** Unique tie-breaker over alias `t`, as text. */
  id: string;
  direction: "ASC" | "DESC";
}

export interface KeysetQuery {
  /** FROM clause, the table aliased `t`. */
  from: string;
  /** Conditions over `t`, with $1.. placeholders matching `params`. */
  where: readonly string[];
  params: readonly unknown[];
  order: KeysetOrder;
}

export interface KeyedRow<T> {
  node: T;
  key: string;
  id: string;
}

/** Rows come back through to_jsonb so PGlite and PostgreSQL give identical shapes. */
export async function keysetPage<T>(
  db: Queryable,
  q: KeysetQuery,
  after: CursorKey | null,
  limit: number,
): Promise<KeyedRow<T>[]> {
  const { key, id, cast, direction } = q.order;
  const params = [...q.params];
  const where = [...q.where];
  if (after) {
    params.push(after.key, after.id);
    const op = direction === "DESC" ? "<" : ">";
    where.push(`((${key}), (${id})) ${op} ($${params.length - 1}::${cast}, $${params.length}::text)`);
  }
  params.push(limit);
  const rows = await db.query<{ r: T; k: string; i: string }>(
    `SELECT to_jsonb(t) AS r, (${key})::text AS k, (${id})::text AS i
     FROM ${q.from}
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY ${key} ${direction}, ${id} ${direction}
     LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({ node: r.r, key: r.k, id: r.i }));
}

export async function keysetCount(db: Queryable, q: Pick<KeysetQuery, "from" | "where" | "params">) {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${q.from} ${q.where.length ? `WHERE ${q.where.join(" AND ")}` : ""}`,
    q.params,
  );
  return row?.n ?? 0;
}

/** Rows of a table through to_jsonb (identical shapes on both databases). */
export async function jsonRows<T>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await db.query<{ r: T }>(sql, params)).map((x) => x.r);
}
