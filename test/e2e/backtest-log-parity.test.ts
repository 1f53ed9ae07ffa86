/**
 * Parity from the log alone: the engine trades a simulated week on the Kalshi simulator (paper
 * mode, the official SDK over HTTP, the AI through the fake Messages API), exactly as in
 * backtest-parity.test.ts, recording everything in its event log. The backtest then replays the
 * week from that log and nothing else: market source = the engine's own event log, selector =
 * the AI decisions recorded in the same log. Every trade, fill, fee, stop and P&L must come out
 * identical, to the cent, on PGlite and PostgreSQL.
 *
 * The log carries what the engine read from the exchange to decide, not only the top of the book
 * (MarketObserved): the side of the book each paper order walked (OrderBookObserved), the books
 * each scan judged depth on (BooksObserved) and the settlements it read (Resolved). The last test
 * replays without the recorded books and must disagree: they are what makes the replay exact.
 * engine/backtest/sources/recorded-reads.test.ts shows a recorded book is walked level for level,
 * and never before the instant it was read.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { runBacktest } from "../../engine/backtest/run.ts";
import { readObservations } from "../../engine/backtest/sources/log-source.ts";
import { StreamSource } from "../../engine/backtest/sources/stream-source.ts";
import type { BacktestRun } from "../../engine/backtest/types.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { END, ledger, type RecordedWeek, recordWeek, SETTINGS, START, totalPnl } from "./recorded-week.ts";

let week: RecordedWeek;
let live: TestDatabase;
let scratch: TestDatabase;
let backtest: BacktestRun;
let withoutBooks: TestDatabase | undefined;

beforeAll(async () => {
  week = await recordWeek("log-parity-test-key");
  live = week.live;
  scratch = await createTestDatabase();
  backtest = await runBacktest({
    from: START,
    to: END,
    source: { kind: "log" },
    selector: "recorded",
    // The engine ran without real-time stops (realtime: false): the replay checks stops on the
    // same timetable, not on every fact about a held market.
    realtimeStops: false,
    log: live.db,
    db: scratch.db,
    env: { TZ: "UTC", ...SETTINGS },
  });
}, 120_000);

afterAll(async () => {
  await week?.stop();
  await scratch?.drop();
  await withoutBooks?.drop();
});

test("the recorded week traded through the AI, with wins and a stop-loss", async () => {
  const { trades, fills, stops } = await ledger(live.db);
  expect(trades.filter((t) => Number(t.contracts_purchased) > 0).length).toBeGreaterThan(2);
  expect(trades.some((t) => t.status === "won" || t.status === "lost")).toBe(true);
  expect(stops.length).toBeGreaterThan(0);
  expect(fills.length).toBeGreaterThan(2);
  const [aiRuns] = await live.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM events WHERE event_type = 'AnalysisCompleted' AND data->>'selector' = 'ai'",
  );
  expect(aiRuns?.n ?? 0).toBeGreaterThan(0);
});

test("every paper order recorded the book it walked, just before the order", async () => {
  const rows = await live.db.query<{ type: string; next: string | null; levels: number }>(
    `SELECT e.event_type AS type,
            (SELECT n.event_type FROM events n WHERE n.stream_id = e.stream_id
               AND n.stream_version = e.stream_version + 1) AS next,
            jsonb_array_length(e.data->'levels')::int AS levels
     FROM events e WHERE e.event_type = 'OrderBookObserved'`,
  );
  const [placed] = await live.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM events WHERE event_type = 'OrderPlaced'",
  );
  expect(rows.length).toBe(placed?.n ?? -1);
  expect(rows.every((r) => r.next === "OrderPlaced")).toBe(true);
  // Depth beyond the top of the book, which MarketObserved does not carry.
  expect(rows.some((r) => r.levels > 1)).toBe(true);
});

test("the backtest reproduces every trade, fill, stop and P&L to the cent", async () => {
  const recorded = await ledger(live.db);
  const replayed = await ledger(backtest.db);
  expect(replayed.trades).toEqual(recorded.trades);
  expect(replayed.fills).toEqual(recorded.fills);
  expect(replayed.stops).toEqual(recorded.stops);
  expect(totalPnl(replayed.trades)).toBe(totalPnl(recorded.trades));
});

test("the recorded books are what makes it exact: ignoring them, the replay disagrees", async () => {
  withoutBooks = await createTestDatabase();
  const facts = async function* () {
    for await (const batch of readObservations(live.db, { to: END }))
      yield batch.filter((f) => !("book" in f));
  };
  const run = await runBacktest({
    from: START,
    to: END,
    source: new StreamSource("log-without-books", facts()),
    selector: "recorded",
    realtimeStops: false,
    log: live.db,
    db: withoutBooks.db,
    env: { TZ: "UTC", ...SETTINGS },
  });
  expect((await ledger(run.db)).trades).not.toEqual((await ledger(live.db)).trades);
}, 60_000);
