import type { DomainEvent } from "../../events/codec.ts";
import { readAllPages } from "../../events/store/read.ts";
import { type LogPosition, START_OF_LOG, type StoredEvent } from "../../events/store/types.ts";
import type { Database } from "../db/database.ts";
import { PROJECTION_LOCK, qualified, writeCheckpoints, writeRows } from "./apply.ts";
import { decodeOwned } from "./decode.ts";
import type { Row, TableProjection } from "./projection.ts";

export interface ReplayOptions {
  schema: string;
  /** Events per page read from the log. */
  pageSize: number;
  /** Stop at this position (inclusive). */
  until?: LogPosition;
  onBatch?: (info: { events: number; position: LogPosition }) => void;
  /**
   * Rows held in memory (all projections together) before the replay stops reading and writes
   * what it has; the rest of the log is then left to the incremental catch-up.
   */
  maxRows?: number;
  /**
   * When the log turns out to be empty: true (rebuild) still empties the tables and removes the
   * checkpoints; false (first catch-up of empty tables) leaves everything as it is.
   */
  writeWhenEmpty?: boolean;
}

export interface ReplayResult {
  /** Events read (and decoded) from the log. */
  events: number;
  /** Where the tables now stand, or null when the log was empty. */
  position: LogPosition | null;
  /** False when it stopped at maxRows: the caller must catch up the rest incrementally. */
  complete: boolean;
}

/**
 * Events decoded between two turns of the event loop. A page is several MB; decoding it in one go
 * would leave the next page's rows piling up in the socket (the server then stalls, and the
 * driver later copies them in large chunks): handing control back every few hundred events keeps
 * the server printing while the client decodes.
 */
const YIELD_EVERY = 250;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows per INSERT when the tables are written: keeps each statement's parameters to a few MB. */
const WRITE_CHUNK = 5_000;
export const DEFAULT_MAX_ROWS = 2_000_000;

interface State {
  projection: TableProjection;
  /**
   * Every row this replay has produced, by key (null once evolve deleted it): the table's whole
   * content once written.
   */
  rows: Map<string, Row | null>;
}

/**
 * Rebuilds projections from an empty start entirely in memory, then writes each table once.
 *
 * The incremental path (applyBatch) must load every touched row from the database, evolve it and
 * upsert it back, with a checkpoint, once per batch: for a rebuild of a million events that is
 * thousands of statements re-writing the same rows. Here every row lives in a Map from the first
 * event to the last, so each table is written exactly once, at the end, in ONE transaction that
 * also empties the tables and moves every checkpoint: readers see the old tables until the commit
 * and the new ones after it, never a half-built state, and a crash or a bad event leaves the old
 * tables and checkpoints exactly as they were.
 *
 * Every event is decoded, handled or not: an unknown type or a schema break fails the replay,
 * naming the event, before anything is written. Reading happens outside any transaction, on the
 * pipelined reader; the write takes the projection lock, so it serialises with a live projector
 * (which then simply continues from the checkpoint written here).
 */
export async function replayFromEmpty(
  db: Database,
  projections: readonly TableProjection[],
  options: ReplayOptions,
): Promise<ReplayResult> {
  const states: State[] = projections.map((projection) => ({ projection, rows: new Map() }));
  // Which states handle a type: one lookup per event instead of one per event and projection.
  const byType = new Map<string, State[]>();
  for (const s of states) {
    for (const type of s.projection.handles) {
      const list = byType.get(type) ?? [];
      list.push(s);
      byType.set(type, list);
    }
  }
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  let events = 0;
  let position: LogPosition | null = null;
  let complete = true;

  for await (const page of readAllPages(db, {
    after: START_OF_LOG,
    pageSize: options.pageSize,
    until: options.until,
  })) {
    for (let i = 0; i < page.length; i++) {
      const stored = page[i] as StoredEvent;
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
      // Decoding fails loudly on an unknown type or a schema break, naming the event.
      const event: DomainEvent = decodeOwned(stored);
      const handlers = byType.get(event.type);
      if (!handlers) continue;
      for (const s of handlers) {
        const key = s.projection.keyOf(event);
        if (!key) continue;
        const id = key.length === 1 ? String(key[0]) : JSON.stringify(key);
        s.rows.set(id, s.projection.evolve(s.rows.get(id) ?? null, event));
      }
    }
    const last = page.at(-1);
    if (!last) continue;
    events += page.length;
    position = last.position;
    options.onBatch?.({ events: page.length, position });
    if (states.reduce((n, s) => n + s.rows.size, 0) >= maxRows) {
      complete = false;
      break;
    }
  }

  if (!position && !options.writeWhenEmpty) return { events, position, complete };
  await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [PROJECTION_LOCK]);
    for (const s of states) {
      await tx.query(`DELETE FROM ${qualified(options.schema, s.projection.table)}`);
      const rows: Row[] = [];
      for (const row of s.rows.values()) if (row) rows.push(row);
      await writeRows(tx, options.schema, s.projection, rows, [], WRITE_CHUNK);
    }
    if (position) {
      const at = position;
      await writeCheckpoints(tx, options.schema, projections, new Map(projections.map((p) => [p.name, at])));
    } else {
      await tx.query(
        `DELETE FROM ${qualified(options.schema, "projection_checkpoints")} WHERE projection IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
        [JSON.stringify(projections.map((p) => p.name))],
      );
    }
  });
  return { events, position, complete };
}
