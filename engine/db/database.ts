/**
 * One small interface over both databases: PGlite (embedded, the default) and PostgreSQL through
 * postgres.js. Everything above this file is written once and runs on both.
 *
 * Conventions that keep the two drivers identical:
 * - Parameters are positional ($1, $2…). JSON goes in as a string and is cast in SQL
 *   (`$1::text::jsonb`), because the drivers disagree on how to serialise objects.
 * - int8 comes back as a JS number on both (safe: positions and micros stay far below 2^53).
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** All-or-nothing. Inside `fn`, use only `tx`: PGlite has one connection and would wait forever. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * One session held until released: for session-level advisory locks (leadership). If its backend
   * dies, the next query runs on a fresh session that holds none of the old locks. On PGlite there is
   * only one connection, shared, and release is a no-op.
   */
  reserve(): Promise<ReservedConnection>;
  close(): Promise<void>;
}

export interface ReservedConnection extends Queryable {
  release(): Promise<void>;
}

/** SQLSTATE of an error thrown by either driver, if it has one. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { code?: unknown };
  return typeof e.code === "string" ? e.code : undefined;
}

/** Name of the constraint a unique violation hit, on either driver. */
export function violatedConstraint(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { constraint_name?: unknown; constraint?: unknown };
  if (typeof e.constraint_name === "string") return e.constraint_name;
  if (typeof e.constraint === "string") return e.constraint;
  return undefined;
}

export const UNIQUE_VIOLATION = "23505";
