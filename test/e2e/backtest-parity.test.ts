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
import { autoAnswer } from "../../engine/analyst/fake-messages-api/auto-answer.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "../../engine/analyst/fake-messages-api/server.ts";
import { type Engine, startEngine } from "../../engine/app.ts";
import { runBacktest } from "../../engine/backtest/run.ts";
import { SettledProjector } from "../../engine/backtest/settled-projector.ts";
import type { BacktestRun } from "../../engine/backtest/types.ts";
import type { Database } from "../../engine/db/database.ts";
import { allProjections } from "../../engine/projections/index.ts";
import { seededIds } from "../../engine/time/random.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { memoryLogger, simulatorConfig } from "../support/engine.ts";

const START = Date.parse("2026-01-27T00:00:00Z");
const END = START + 7 * 86_400_000;
const SEED = 2026;
const MARKETS = 600;
const AI_KEY = "parity-test-key";
const SETTINGS = {
  MIN_LIQUIDITY: "500",
  SCHEDULE_REFRESH_MARKETS: "0 * * * *",
  // Close under the entry band, so the week also has stop-losses to agree on.
  STOP_LOSS_THRESHOLD: "0.84",
};

let sim: RunningSimulator;
let ai: FakeMessagesApi;
let live: TestDatabase;
let scratch: TestDatabase;
let engine: Engine;
let backtest: BacktestRun;

/** What must agree: every trade with its fills and money, in order. */
async function ledger(db: Database) {
  const trades = await db.query<Record<string, unknown>>(
    `SELECT contract_id, side, status, allocation, contracts_purchased, contracts_sold, entry_odds,
            position_size, entry_fees, exit_proceeds, exit_fees, pnl, proposed_at, resolved_at
     FROM trades ORDER BY proposed_at, contract_id`,
  );
  const fills = await db.query<Record<string, unknown>>(
    `SELECT e.data->>'ticker' AS ticker, e.data->>'side' AS side, e.data->>'action' AS action,
            (e.data->>'count')::bigint AS count, (e.data->>'price')::bigint AS price, (e.data->>'fee')::bigint AS fee,
            e.metadata->>'occurredAt' AS at
     FROM events e WHERE e.event_type = 'OrderFilled' ORDER BY e.global_position`,
  );
  const stops = await db.query<Record<string, unknown>>(
    "SELECT contract_id, trigger_odds, exit_odds, realized_loss, triggered_at, closed_at FROM stop_loss_events ORDER BY triggered_at, contract_id",
  );
  return { trades, fills, stops };
}

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: SEED,
    markets: MARKETS,
    quiet: true,
    tier: "prime",
    clock: { mode: "manual", start: START },
  });
  ai = startFakeMessagesApi({ apiKey: AI_KEY, otherwise: autoAnswer });
  live = await createTestDatabase();
  const config = simulatorConfig(sim, {
    ...SETTINGS,
    TRADING_MODE: "paper",
    KALSHI_TIER: "prime",
    ANTHROPIC_API_KEY: AI_KEY,
    ANTHROPIC_BASE_URL: ai.url,
  });
  engine = await startEngine(config, memoryLogger(), {
    db: live.db,
    clock: sim.clock,
    schedule: "manual",
    ids: seededIds(42),
    realtime: false,
  });
  // On a shared PostgreSQL server, another session's open transaction holds the snapshot horizon
  // back and the live projector may read a moment behind the engine's own appends (by design: live
  // tolerates it). A recording must be reproducible, so it settles like the backtest does.
  engine.deps.projector = new SettledProjector(live.db, allProjections);
  // The recorded week: every job at its scheduled instant.
  for (;;) {
    const next = engine.scheduler.nextDue();
    if (next === null || next >= END) break;
    sim.exchange.advance(next - sim.clock.now());
    await engine.scheduler.runDue();
  }
  await engine.projector.catchUp();

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
  await engine?.stop();
  await sim?.stop();
  await ai?.close();
  await live?.drop();
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
  const pnl = (rows: Record<string, unknown>[]) => rows.reduce((s, r) => s + Number(r.pnl ?? 0), 0);
  expect(pnl(replayed.trades)).toBe(pnl(recorded.trades));
});
