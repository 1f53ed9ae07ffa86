import {
  type Database,
  type Queryable,
  sqlState,
  UNIQUE_VIOLATION,
  violatedConstraint,
} from "../../engine/db/database.ts";
import { ConcurrencyError } from "./errors.ts";
import { storableJson } from "./storable-json.ts";
import type { AppendResult, ExpectedVersion, LogPosition, NewEvent } from "./types.ts";

export const EVENTS_CHANNEL = "conviction_events";
/** A unique violation means a concurrent writer took our version or stored the same fact: retry. */
const MAX_ATTEMPTS = 5;
const STREAM_VERSION_UNIQUE = "events_stream_version_unique";

/**
 * The whole append as ONE statement: read the stream's version, check the expectation, insert,
 * notify — so a plain append is one round trip and, outside a caller's transaction, one
 * implicit transaction (a single statement is atomic: all of its rows or none).
 *
 * Parameters: $1 stream, $2 events as a JSON array, $3 the expectation's kind ('any',
 * 'no_stream', 'stream_exists' or 'exact'), $4 the exact version, $5 the NOTIFY channel.
 *
 * `dedupe` decides what happens to events whose id is already stored:
 * - false (the optimistic path): every event is taken as new. A stored id then hits
 *   events_event_id_unique and the caller retries with dedupe; a failed expectation inserts
 *   nothing and is also settled by the dedupe path (it may be a re-send of a stored batch).
 * - true: stored ids are filtered out first and the expectation applies to the fresh events
 *   only; when nothing is fresh, nothing is checked and nothing is written.
 *
 * One row comes back: the stream's version before the append, how many events were fresh,
 * and the transaction id and positions (in stream order) of what was inserted, if anything.
 */
function appendSql(dedupe: boolean): string {
  const fresh = dedupe
    ? `SELECT i.*, row_number() OVER (ORDER BY i.ord) AS n FROM input i
       WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.event_id = (i.e ->> 'id')::uuid)`
    : "SELECT i.*, i.ord AS n FROM input i";
  return `
  WITH input AS (
    SELECT e, ord FROM jsonb_array_elements($2::text::jsonb) WITH ORDINALITY AS t(e, ord)
  ), fresh AS (
    ${fresh}
  ), head AS (
    SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1
  ), inserted AS (
    INSERT INTO events (event_id, stream_id, stream_version, event_type, event_version, data, metadata)
    SELECT (f.e ->> 'id')::uuid, $1, h.version + f.n::int, f.e ->> 'type', (f.e ->> 'version')::smallint,
           f.e -> 'data', f.e -> 'metadata'
    FROM head h CROSS JOIN fresh f
    WHERE CASE $3::text
            WHEN 'any' THEN true
            WHEN 'no_stream' THEN h.version = 0
            WHEN 'stream_exists' THEN h.version > 0
            ELSE h.version = $4::int
          END
    ORDER BY f.n
    RETURNING transaction_id, global_position, stream_version
  )
  SELECT h.version,
         ${dedupe ? "(SELECT count(*) FROM fresh)::int" : "NULL::int"} AS fresh,
         (SELECT transaction_id::text FROM inserted LIMIT 1) AS txid,
         (SELECT string_agg(global_position::text, ',' ORDER BY stream_version) FROM inserted) AS positions,
         (SELECT count(pg_notify($5, $1)) FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row)::int AS notified
  FROM head h`;
}

const OPTIMISTIC = appendSql(false);
const DEDUPE = appendSql(true);

interface AppendRow {
  version: number;
  fresh: number | null;
  txid: string | null;
  positions: string | null;
}

function parameters(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): unknown[] {
  const kind = typeof expected === "number" ? "exact" : expected;
  return [streamId, storableJson(events), kind, typeof expected === "number" ? expected : 0, EVENTS_CHANNEL];
}

function positionsOf(row: AppendRow): LogPosition[] {
  const txid = row.txid;
  if (txid === null || row.positions === null) return [];
  return row.positions.split(",").map((p) => ({ transactionId: txid, globalPosition: Number(p) }));
}

/** Runs the dedupe statement and turns its row into a result or a ConcurrencyError. */
async function appendDeduplicated(
  q: Queryable,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): Promise<AppendResult> {
  const [row] = await q.query<AppendRow>(DEDUPE, parameters(streamId, events, expected));
  if (!row) throw new Error(`append to ${streamId}: no result row`);
  const fresh = row.fresh ?? 0;
  if (fresh === 0) return { nextVersion: row.version, appended: 0, positions: [] };
  const positions = positionsOf(row);
  // Fresh events but nothing inserted: the expectation failed (the statement checks nothing else).
  if (positions.length === 0) throw new ConcurrencyError(streamId, expected, row.version);
  return { nextVersion: row.version + positions.length, appended: positions.length, positions };
}

/**
 * Appends events to one stream, atomically: all of them or none.
 *
 * Events whose id is already stored are skipped (a re-send after a lost acknowledgement is a
 * no-op); the expected-version check applies to what is actually new. A version race surfaces as
 * ConcurrencyError for exact expectations and is retried for "any"/"stream_exists".
 *
 * The common case — all events new, expectation met — is one statement and one round trip, with
 * no lookup of the ids: the unique constraint on event_id is the duplicate check, and only when
 * it fires (or the expectation fails, which may be a re-send) is the batch sent again through the
 * deduplicating statement.
 */
export async function appendToStream(
  db: Database,
  streamId: string,
  events: readonly NewEvent[],
  options: { expectedVersion?: ExpectedVersion } = {},
): Promise<AppendResult> {
  const expected = options.expectedVersion ?? "any";
  if (events.length === 0) throw new RangeError(`append to ${streamId}: no events given`);
  const ids = events.map((e) => e.id);
  if (new Set(ids).size !== ids.length)
    throw new RangeError(`append to ${streamId}: duplicate event ids in one batch`);

  let dedupe = false;
  let conflicts = 0;
  for (;;) {
    try {
      if (dedupe) return await appendDeduplicated(db, streamId, events, expected);
      const [row] = await db.query<AppendRow>(OPTIMISTIC, parameters(streamId, events, expected));
      if (!row) throw new Error(`append to ${streamId}: no result row`);
      const positions = positionsOf(row);
      if (positions.length === events.length) {
        return { nextVersion: row.version + positions.length, appended: positions.length, positions };
      }
      // Nothing inserted: the expectation failed. Settle it with the ids checked (a re-send of
      // stored events is a no-op, not a conflict).
      dedupe = true;
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION || ++conflicts >= MAX_ATTEMPTS) throw error;
      const constraint = violatedConstraint(error);
      if (constraint === STREAM_VERSION_UNIQUE && typeof expected === "number") {
        // Someone else took the version we expected to write: a genuine conflict.
        const [row] = await db.query<{ version: number }>(
          "SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1",
          [streamId],
        );
        throw new ConcurrencyError(streamId, expected, row?.version ?? 0);
      }
      if (constraint === STREAM_VERSION_UNIQUE && expected === "no_stream") {
        throw new ConcurrencyError(streamId, expected, 1);
      }
      // An event id is already stored (or was, concurrently): from now on, filter stored ids.
      if (constraint !== STREAM_VERSION_UNIQUE) dedupe = true;
      // "any"/"stream_exists" lost a version race: retry.
    }
  }
}

/**
 * The append itself, inside a transaction the caller owns (so a projection or a test can hold it).
 * Raises ConcurrencyError on a failed expectation; unique violations propagate to the caller.
 */
export async function appendWithin(
  tx: Queryable,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): Promise<AppendResult> {
  return appendDeduplicated(tx, streamId, events, expected);
}
