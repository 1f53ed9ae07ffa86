import type { EventType } from "../../events/catalog/index.ts";
import type { DomainEvent } from "../../events/codec.ts";

/** A projection row as JSON: column name → value (timestamps as ISO strings, money as integers). */
export type Row = Record<string, unknown>;

/**
 * A read model owned by exactly one projection: one table, written by nothing else.
 *
 * `keyOf` names the row an event touches; `evolve` is pure: given that row (or null) and the
 * event, it returns the new row (or null to delete it). The runner loads rows in bulk, evolves them
 * in memory and writes them back in one statement per batch, so a rebuild of a million events is
 * a few hundred round trips, not a million.
 */
export interface TableProjection<R extends Row = Row> {
  readonly name: string;
  /** Bump when evolve or the table changes meaning: the table is then rebuilt from the log. */
  readonly version: number;
  readonly table: string;
  readonly primaryKey: readonly string[];
  readonly handles: readonly EventType[];
  keyOf(event: DomainEvent): readonly string[] | null;
  evolve(row: R | null, event: DomainEvent): R | null;
}

export function defineProjection<R extends Row>(p: TableProjection<R>): TableProjection<Row> {
  return Object.freeze(p) as unknown as TableProjection<Row>;
}
