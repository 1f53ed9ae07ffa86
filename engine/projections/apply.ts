import type { DomainEvent } from "../../events/codec.ts";
import { comparePositions, type LogPosition } from "../../events/store/types.ts";
import type { Queryable } from "../db/database.ts";
import type { Row, TableProjection } from "./projection.ts";

/** Serialises projection writers across processes (the engine and a CLI replay, say). */
export const PROJECTION_LOCK = 0x70726f6a; // "proj"

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
};
export const qualified = (schema: string, table: string) => `${ident(schema)}.${ident(table)}`;

interface Column {
  name: string;
  /** The column's SQL type, as format_type prints it (for the cast from text). */
  type: string;
  /** json/jsonb: a value is sent as its JSON text, whatever its JS type. */
  json: boolean;
}

const columnCache = new Map<string, Column[]>();

async function columnsOf(tx: Queryable, schema: string, table: string): Promise<Column[]> {
  const key = `${schema}.${table}`;
  const cached = columnCache.get(key);
  if (cached) return cached;
  const rows = await tx.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`,
    [schema, table],
  );
  const columns = rows.map((r) => ({
    name: r.name,
    type: r.type,
    json: r.type === "jsonb" || r.type === "json",
  }));
  if (columns.length === 0) throw new Error(`projection table ${key} does not exist`);
  columnCache.set(key, columns);
  return columns;
}

/** Marks a value that has no text form known to match what jsonb_populate_recordset would store. */
const INEXACT = Symbol("inexact");

/**
 * The text PostgreSQL should parse for `value` so that the stored value is exactly what
 * jsonb_populate_recordset stores for the same row sent as JSON: JSON text for json columns
 * (a JSON null, e.g. from NaN, is SQL NULL there too), the string itself, a finite number's
 * digits, true/false. Anything else (an object in a non-JSON column, an exponent, …) is INEXACT
 * and the chunk goes through jsonb_populate_recordset itself.
 */
function textOf(value: unknown, json: boolean): string | null | typeof INEXACT {
  if (value === null || value === undefined) return null;
  if (json) {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined || text === "null" ? null : text;
  }
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
      return value ? "true" : "false";
    case "number": {
      if (!Number.isFinite(value)) return null; // JSON.stringify makes it null
      const text = String(value);
      return text.includes("e") ? INEXACT : text;
    }
    default:
      return INEXACT;
  }
}

const ARRAY_SPECIAL = /["\\]/;
const ARRAY_ESCAPE = /["\\]/g;

/** One column of rows as a PostgreSQL text[] literal, or INEXACT. */
function arrayLiteral(rows: readonly Row[], column: Column): string | typeof INEXACT {
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const text = textOf((rows[i] as Row)[column.name], column.json);
    if (text === INEXACT) return INEXACT;
    parts[i] =
      text === null ? "NULL" : `"${ARRAY_SPECIAL.test(text) ? text.replace(ARRAY_ESCAPE, "\\$&") : text}"`;
  }
  return `{${parts.join(",")}}`;
}

async function loadRows(
  tx: Queryable,
  schema: string,
  p: TableProjection,
  keys: string[][],
): Promise<Map<string, Row>> {
  const found = new Map<string, Row>();
  if (keys.length === 0) return found;
  const table = qualified(schema, p.table);
  let rows: { r: Row }[];
  if (p.primaryKey.length === 1) {
    const col = ident(p.primaryKey[0] as string);
    rows = await tx.query<{ r: Row }>(
      `SELECT to_jsonb(t) AS r FROM ${table} t WHERE t.${col}::text IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
      [JSON.stringify(keys.map((k) => k[0]))],
    );
  } else {
    const tuple = p.primaryKey.map((c) => `t.${ident(c)}::text`).join(", ");
    const picks = p.primaryKey.map((_, i) => `k ->> ${i}`).join(", ");
    rows = await tx.query<{ r: Row }>(
      `SELECT to_jsonb(t) AS r FROM ${table} t WHERE (${tuple}) IN (SELECT ${picks} FROM jsonb_array_elements($1::text::jsonb) k)`,
      [JSON.stringify(keys)],
    );
  }
  for (const { r } of rows) found.set(JSON.stringify(p.primaryKey.map((c) => String(r[c]))), r);
  return found;
}

/**
 * Upserts rows (in statements of at most `chunk` rows) and deletes rows by key.
 *
 * Rows go in as one text[] per column, unnested and cast to the column types: PostgreSQL parses
 * each value once with the column's own input function, instead of parsing the rows as one jsonb
 * document and then looking every column up in every row (jsonb_populate_recordset, about twice
 * the server time). A chunk holding a value whose text form could differ from what
 * jsonb_populate_recordset would store falls back to it, so what is stored never depends on
 * the path.
 */
export async function writeRows(
  tx: Queryable,
  schema: string,
  p: TableProjection,
  upserts: readonly Row[],
  deletes: readonly (readonly string[])[],
  chunk = Number.POSITIVE_INFINITY,
): Promise<void> {
  const table = qualified(schema, p.table);
  if (upserts.length > 0) {
    const columns = await columnsOf(tx, schema, p.table);
    const updates = columns
      .filter((c) => !p.primaryKey.includes(c.name))
      .map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`)
      .join(", ");
    const onConflict = `ON CONFLICT (${p.primaryKey.map(ident).join(", ")}) DO ${updates ? `UPDATE SET ${updates}` : "NOTHING"}`;
    const viaJson = `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::text::jsonb) ${onConflict}`;
    const viaArrays = `INSERT INTO ${table} (${columns.map((c) => ident(c.name)).join(", ")})
       SELECT ${columns.map((c, i) => `CAST(u.c${i} AS ${c.type})`).join(", ")}
       FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${columns.map((_, i) => `c${i}`).join(", ")})
       ${onConflict}`;
    for (let i = 0; i < upserts.length; i += chunk) {
      const part = chunk >= upserts.length ? upserts : upserts.slice(i, i + chunk);
      const arrays: string[] = [];
      for (const column of columns) {
        const literal = arrayLiteral(part, column);
        if (literal === INEXACT) break;
        arrays.push(literal);
      }
      if (arrays.length === columns.length) await tx.query(viaArrays, arrays);
      else await tx.query(viaJson, [JSON.stringify(part)]);
    }
  }
  if (deletes.length > 0) {
    const tuple = p.primaryKey.map((c) => `${ident(c)}::text`).join(", ");
    const picks = p.primaryKey.map((_, i) => `k ->> ${i}`).join(", ");
    await tx.query(
      `DELETE FROM ${table} WHERE (${tuple}) IN (SELECT ${picks} FROM jsonb_array_elements($1::text::jsonb) k)`,
      [JSON.stringify(deletes)],
    );
  }
}

/** Runs one projection over the events it has not seen yet; returns how many it applied. */
async function applyOne(
  tx: Queryable,
  schema: string,
  p: TableProjection,
  events: readonly DomainEvent[],
  checkpoint: LogPosition,
): Promise<number> {
  const handled = new Set<string>(p.handles);
  const todo: { event: DomainEvent; key: string[]; id: string }[] = [];
  const keys = new Map<string, string[]>();
  for (const event of events) {
    // Safe to run twice: what the checkpoint already covers is skipped.
    if (!handled.has(event.type) || comparePositions(event.position, checkpoint) <= 0) continue;
    const key = p.keyOf(event);
    if (!key) continue;
    const id = JSON.stringify(key);
    keys.set(id, [...key]);
    todo.push({ event, key: [...key], id });
  }
  if (todo.length === 0) return 0;
  const current = await loadRows(tx, schema, p, [...keys.values()]);
  const touched = new Map<string, Row | null>();
  for (const { event, id } of todo) {
    const before = touched.has(id) ? (touched.get(id) ?? null) : (current.get(id) ?? null);
    touched.set(id, p.evolve(before, event));
  }
  const upserts: Row[] = [];
  const deletes: string[][] = [];
  for (const [id, row] of touched) {
    if (row) upserts.push(row);
    else if (current.has(id)) deletes.push(keys.get(id) ?? []);
  }
  await writeRows(tx, schema, p, upserts, deletes);
  return todo.length;
}

/**
 * Applies a batch of events to every projection and moves their checkpoints, in the caller's
 * transaction: rows and checkpoint commit together or not at all.
 */
export async function applyBatch(
  tx: Queryable,
  schema: string,
  projections: readonly TableProjection[],
  checkpoints: Map<string, LogPosition>,
  events: readonly DomainEvent[],
): Promise<number> {
  const last = events.at(-1);
  if (!last) return 0;
  let applied = 0;
  for (const p of projections) {
    const checkpoint = checkpoints.get(p.name) ?? { transactionId: "0", globalPosition: 0 };
    applied += await applyOne(tx, schema, p, events, checkpoint);
    if (comparePositions(last.position, checkpoint) > 0) checkpoints.set(p.name, last.position);
  }
  await writeCheckpoints(tx, schema, projections, checkpoints);
  return applied;
}

/** Upserts the checkpoint row of every projection given (from `checkpoints`). */
export async function writeCheckpoints(
  tx: Queryable,
  schema: string,
  projections: readonly TableProjection[],
  checkpoints: ReadonlyMap<string, LogPosition>,
): Promise<void> {
  const rows = projections.map((p) => {
    const c = checkpoints.get(p.name);
    return {
      projection: p.name,
      projection_version: p.version,
      transaction_id: c?.transactionId,
      global_position: c?.globalPosition,
    };
  });
  await tx.query(
    `INSERT INTO ${qualified(schema, "projection_checkpoints")} (projection, projection_version, transaction_id, global_position)
     SELECT projection, projection_version, transaction_id::xid8, global_position
     FROM jsonb_to_recordset($1::text::jsonb) AS c(projection text, projection_version int, transaction_id text, global_position bigint)
     ON CONFLICT (projection) DO UPDATE SET projection_version = EXCLUDED.projection_version,
       transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}
