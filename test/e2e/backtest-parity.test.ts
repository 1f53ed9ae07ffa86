/**
 * Parity: live and backtest are one path, so they must agree to the cent. The engine trades a
 * simulated week on the Kalshi simulator (paper mode, the official SDK over HTTP, the AI through
 * the fake Messages API), recording everything in its event log. The backtest then replays that
 * week: market source = the simulator's generator with the same seed, selector = the AI decisions
 * recorded in the engine's log. Every trade, fill, fee, stop and P&L must come out identical.
 *
 * Here the books come from the generator and the decisions from the log: this proves the backtest
 * rebuilds the simulator's world. backtest-log-parity.test.ts proves the same week from the log
 * alone, the books the engine read included (OrderBookObserved, BooksObserved).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { runBacktest } from "../../engine/backtest/run.ts";
import type { BacktestRun } from "../../engine/backtest/types.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import {
  END,
  ledger,
  MARKETS,
  type RecordedWeek,
  recordWeek,
  SEED,
  SETTINGS,
  START,
  totalPnl,
} from "./recorded-week.ts";

let week: RecordedWeek;
let live: TestDatabase;
let scratch: TestDatabase;
let backtest: BacktestRun;

beforeAll(async () => {
  week = await recordWeek("parity-test-key");
  live = week.live;
  scratch = await createTestDatabase();
  backtest = await runBacktest({
    from: START,
    to: END,
    source: { kind: "sim", seed: SEED, markets: MARKETS },
    selector: "recorded",
    log: live.db,
    db: scratch.db,
    env: { TZ: "UTC", ...SETTINGS },
  });
}, 120_000);

afterAll(async () => {
  await week?.stop();
  await scratch?.drop();
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

test("the backtest reproduces every trade, fill, stop and P&L to the cent", async () => {
  const recorded = await ledger(live.db);
  const replayed = await ledger(backtest.db);
  expect(replayed.trades).toEqual(recorded.trades);
  expect(replayed.fills).toEqual(recorded.fills);
  expect(replayed.stops).toEqual(recorded.stops);
  expect(totalPnl(replayed.trades)).toBe(totalPnl(recorded.trades));
});
