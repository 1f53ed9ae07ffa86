/**
 * Source (a): the own event log. Every MarketObserved up to the end of the window, in log order,
 * each stamped with the instant the engine observed it (metadata.occurredAt), and with them what
 * else the engine read from the exchange to decide: the side of the book each paper order walked
 * (OrderBookObserved), the books each scan judged depth on (BooksObserved) and the settlements it
 * read (Resolved). The view serves these to the same reads (market-view.ts), so a replay of the
 * log alone does to the cent what the engine did. All are folded in time order, so none can reach
 * a decision made before it was read.
 *
 * Read through one server-side cursor in large batches (50,000 by default), in one read-only
 * snapshot, the next batch requested while the backtest works on the current one. Page queries
 * (`WHERE position > last … LIMIT n`) were quadratic here: filtered by type, the planner sorts
 * the whole rest of the log for every page. A queryable without sessions (no `reserve`) falls
 * back to such pages.
 *
 * Decoding happens once, here at the boundary: each event's data is checked against the
 * catalog's current schema for its type; anything else (an older version to upcast, a schema
 * failure) goes through decodeEvent, so a malformed event still stops the backtest, named with
 * its position, id and stream.
 */
import { catalog, type EventData } from "../../../events/catalog/index.ts";
import { decodeEvent } from "../../../events/codec.ts";
import type { Database, Queryable } from "../../db/database.ts";
import { StreamSource } from "./stream-source.ts";
import type { Fact } from "./types.ts";

const BATCH = 50_000;

/** What the engine read from the exchange, as its log records it. */
const FACT_TYPES = ["MarketObserved", "OrderBookObserved", "BooksObserved", "Resolved"] as const;
type FactType = (typeof FACT_TYPES)[number];

/** Only what the fast path needs: fewer columns are less for the driver to decode per row. */
interface Row {
  global_position: number;
  event_type: FactType;
  event_version: number;
  at: string;
  data: unknown;
}

const COLUMNS = `global_position, event_type, event_version, metadata->>'occurredAt' AS at, data`;
// Below the snapshot horizon, as every log reader (events/store/read.ts): no later commit can
// land behind what was read.
const READABLE = `transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  AND event_type IN (${FACT_TYPES.map((t) => `'${t}'`).join(", ")})`;

/** The facts in a decoded event's data: a scan's books are two sides of each market it read. */
function toFacts(type: FactType, at: number, data: unknown): Fact[] {
  switch (type) {
    case "MarketObserved":
      return [{ at, data: data as EventData<"MarketObserved"> }];
    case "OrderBookObserved":
      return [{ at, book: data as EventData<"OrderBookObserved"> }];
    case "BooksObserved":
      return (data as EventData<"BooksObserved">).books.flatMap((b) => [
        { at, book: { ticker: b.ticker, bids: "yes" as const, levels: b.yesBids } },
        { at, book: { ticker: b.ticker, bids: "no" as const, levels: b.noBids } },
      ]);
    case "Resolved": {
      const d = data as EventData<"Resolved">;
      return [{ at, settled: { ticker: d.ticker, marketResult: d.marketResult, settledAt: d.settledAt } }];
    }
  }
}

/** The catalog's current schema; null when the event needs the full decoder (upcast or error). */
function quickDecode(r: Row): unknown | null {
  const definition = catalog[r.event_type];
  if (r.event_version !== definition.version) return null;
  const parsed = definition.schema.safeParse(r.data);
  return parsed.success ? parsed.data : null;
}

/** The full decoder on the full stored event: upcasts an older version, or throws naming it. */
async function fullDecode(db: Queryable, type: FactType, position: number): Promise<unknown> {
  const [stored] = await db.query<{
    txid: string;
    event_id: string;
    stream_id: string;
    stream_version: number;
    event_version: number;
    data: unknown;
    metadata: Record<string, unknown>;
  }>(
    `SELECT transaction_id::text AS txid, event_id::text AS event_id, stream_id, stream_version,
            event_version, data, metadata FROM events WHERE global_position = $1`,
    [position],
  );
  if (!stored) throw new Error(`log source: event at global position ${position} vanished`);
  const event = decodeEvent({
    id: stored.event_id,
    type,
    version: stored.event_version,
    streamId: stored.stream_id,
    streamVersion: stored.stream_version,
    data: stored.data,
    metadata: stored.metadata as never,
    position: { transactionId: stored.txid, globalPosition: position },
    recordedAt: "",
  });
  return event.data;
}

/** Rows to observations, up to `to` (exclusive); `done` once a fact at or after `to` was met. */
async function toBatch(
  db: Queryable,
  rows: readonly Row[],
  to: number,
): Promise<{ batch: Fact[]; done: boolean }> {
  const batch: Fact[] = [];
  for (const r of rows) {
    const at = Date.parse(r.at);
    if (at >= to) return { batch, done: true };
    batch.push(
      ...toFacts(r.event_type, at, quickDecode(r) ?? (await fullDecode(db, r.event_type, r.global_position))),
    );
  }
  return { batch, done: false };
}

async function* viaCursor(db: Database, to: number, size: number): AsyncGenerator<Fact[]> {
  const session = await db.reserve();
  let open = false;
  try {
    await session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    open = true;
    // Walk the log's own order index. Right after a bulk load the statistics are stale and the
    // planner would sort the whole log (spilling to disk) before the first row; JIT compiling
    // the plan only delays the first batch. Both settings end with this transaction.
    await session.query("SET LOCAL enable_sort = off");
    await session.query("SET LOCAL jit = off");
    await session.query(
      `DECLARE backtest_observations NO SCROLL CURSOR FOR
       SELECT ${COLUMNS} FROM events WHERE ${READABLE} ORDER BY transaction_id, global_position`,
    );
    const fetch = () => session.query<Row>(`FETCH ${size} FROM backtest_observations`);
    let next: Promise<Row[]> | null = fetch();
    while (next) {
      const rows: Row[] = await next;
      // The server prints the next batch while this one is decoded and backtested.
      next = rows.length === size ? fetch() : null;
      const { batch, done } = await toBatch(session, rows, to);
      if (batch.length) yield batch;
      if (done) break;
    }
    if (next) await next.catch(() => {});
  } finally {
    if (open) await session.query("COMMIT").catch(() => {});
    await session.release();
  }
}

async function* viaPages(db: Queryable, to: number, size: number): AsyncGenerator<Fact[]> {
  let after = { txid: "0", position: 0 };
  for (;;) {
    const rows = await db.query<Row & { txid: string }>(
      `SELECT ${COLUMNS}, transaction_id::text AS txid FROM events
       WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) AND ${READABLE}
       ORDER BY transaction_id, global_position LIMIT $3`,
      [after.txid, after.position, size],
    );
    const last = rows.at(-1);
    if (!last) return;
    after = { txid: last.txid, position: last.global_position };
    const { batch, done } = await toBatch(db, rows, to);
    if (batch.length) yield batch;
    if (done || rows.length < size) return;
  }
}

export function readObservations(
  db: Queryable,
  options: { to: number; pageSize?: number },
): AsyncGenerator<Fact[]> {
  const size = options.pageSize ?? BATCH;
  return "reserve" in db ? viaCursor(db as Database, options.to, size) : viaPages(db, options.to, size);
}

export function logSource(db: Queryable, window: { to: number }): StreamSource {
  const batches = readObservations(db, window);
  // Ending the run early (an error, or `to` reached before the log ended) closes the cursor.
  return new StreamSource("log", batches, { onClose: async () => void (await batches.return(undefined)) });
}
