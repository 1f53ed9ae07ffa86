/**
 * The week both parity tests replay: the engine trades a simulated week on the Kalshi simulator
 * (paper mode, the official SDK over HTTP, the AI through the fake Messages API), every job at its
 * scheduled instant, recording everything in its event log. And the ledger they compare.
 */
import { autoAnswer } from "../../engine/analyst/fake-messages-api/auto-answer.ts";
import { type FakeMessagesApi, startFakeMessagesApi } from "../../engine/analyst/fake-messages-api/server.ts";
import { type Engine, startEngine } from "../../engine/app.ts";
import { SettledProjector } from "../../engine/backtest/settled-projector.ts";
import type { Database } from "../../engine/db/database.ts";
import { allProjections } from "../../engine/projections/index.ts";
import { seededIds } from "../../engine/time/random.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { memoryLogger, simulatorConfig } from "../support/engine.ts";

export const START = Date.parse("2026-01-27T00:00:00Z");
export const END = START + 7 * 86_400_000;
export const SEED = 2026;
export const MARKETS = 600;
export const SETTINGS = {
  MIN_LIQUIDITY: "500",
  SCHEDULE_REFRESH_MARKETS: "0 * * * *",
  // Close under the entry band, so the week also has stop-losses to agree on.
  STOP_LOSS_THRESHOLD: "0.84",
};

export interface RecordedWeek {
  sim: RunningSimulator;
  live: TestDatabase;
  engine: Engine;
  stop(): Promise<void>;
}

export async function recordWeek(aiKey: string): Promise<RecordedWeek> {
  const sim = await startSimulator({
    port: 0,
    seed: SEED,
    markets: MARKETS,
    quiet: true,
    tier: "prime",
    clock: { mode: "manual", start: START },
  });
  const ai: FakeMessagesApi = startFakeMessagesApi({ apiKey: aiKey, otherwise: autoAnswer });
  const live = await createTestDatabase();
  const config = simulatorConfig(sim, {
    ...SETTINGS,
    TRADING_MODE: "paper",
    KALSHI_TIER: "prime",
    ANTHROPIC_API_KEY: aiKey,
    ANTHROPIC_BASE_URL: ai.url,
  });
  const engine = await startEngine(config, memoryLogger(), {
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
  for (;;) {
    const next = engine.scheduler.nextDue();
    if (next === null || next >= END) break;
    sim.exchange.advance(next - sim.clock.now());
    await engine.scheduler.runDue();
  }
  await engine.projector.catchUp();
  return {
    sim,
    live,
    engine,
    async stop() {
      await engine.stop();
      await sim.stop();
      await ai.close();
      await live.drop();
    },
  };
}

/** What must agree: every trade with its fills and money, in order. */
export async function ledger(db: Database) {
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

/** Sum of P&L over ledger rows, exact: the column holds integer micros. */
export const totalPnl = (rows: Record<string, unknown>[]) => rows.reduce((s, r) => s + Number(r.pnl ?? 0), 0);
