import { type Database, sqlState, UNIQUE_VIOLATION, violatedConstraint } from "../../engine/db/database.ts";
import { EVENTS_CHANNEL } from "./append.ts";
import { storableJson } from "./storable-json.ts";
import type { NewEvent } from "./types.ts";

const MAX_ATTEMPTS = 5;

/**
 * One statement (so one round trip and one implicit transaction): stored ids filtered out when
 * `dedupe`, each stream's head read, the rows inserted at the next versions, and a NOTIFY sent
 * only if something was inserted. Without `dedupe` the ids are not looked up at all: a stored id
 * hits the unique constraint and the caller retries with it.
 */
function appendManySql(dedupe: boolean): string {
  return `
  WITH input AS (
    SELECT e, ord FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(e, ord)
  ), fresh AS (
    SELECT e, ord FROM input
    ${dedupe ? "WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.event_id = (input.e ->> 'id')::uuid)" : ""}
  ), heads AS (
    SELECT s.stream_id, (SELECT coalesce(max(stream_version), 0) FROM events v WHERE v.stream_id = s.stream_id) AS version
    FROM (SELECT DISTINCT e ->> 'stream' AS stream_id FROM fresh) s
  ), inserted AS (
    INSERT INTO events (event_id, stream_id, stream_version, event_type, event_version, data, metadata)
    SELECT (f.e ->> 'id')::uuid, f.e ->> 'stream',
           h.version + row_number() OVER (PARTITION BY f.e ->> 'stream' ORDER BY f.ord),
           f.e ->> 'type', (f.e ->> 'version')::smallint, f.e -> 'data', f.e -> 'metadata'
    FROM fresh f JOIN heads h ON h.stream_id = f.e ->> 'stream'
    ORDER BY f.ord
    RETURNING 1
  ), counted AS (
    SELECT count(*)::int AS n FROM inserted
  )
  SELECT c.n, (SELECT count(pg_notify($2, '*')) FROM (SELECT 1 WHERE c.n > 0) AS any_row)::int AS notified
  FROM counted c`;
}

const OPTIMISTIC = appendManySql(false);
const DEDUPE = appendManySql(true);

/**
 * Appends events to many streams in one transaction and one INSERT, with no version expectation
 * ("any"). Built for market sync, which records changes to tens of thousands of market streams per
 * run: one statement instead of one transaction per market.
 *
 * Events whose id is already stored are skipped (idempotent); the rest take the next versions of
 * their streams in the order given. A concurrent writer racing for a version makes the whole batch
 * retry, never half-apply.
 */
export async function appendToStreams(
  db: Database,
  batches: readonly { streamId: string; events: readonly NewEvent[] }[],
): Promise<{ appended: number }> {
  const flat = batches.flatMap((b) => b.events.map((e) => ({ ...e, stream: b.streamId })));
  if (flat.length === 0) return { appended: 0 };
  if (new Set(flat.map((e) => e.id)).size !== flat.length)
    throw new RangeError("appendToStreams: duplicate event ids");
  const payload = storableJson(flat);
  let dedupe = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await db.query<{ n: number }>(dedupe ? DEDUPE : OPTIMISTIC, [payload, EVENTS_CHANNEL]);
      return { appended: row?.n ?? 0 };
    } catch (error) {
      if (sqlState(error) !== UNIQUE_VIOLATION || attempt >= MAX_ATTEMPTS) throw error;
      // A stored id: filter stored ids from now on. A version race: just try again.
      if (violatedConstraint(error) !== "events_stream_version_unique") dedupe = true;
    }
  }
}
