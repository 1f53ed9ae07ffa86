/**
 * The proof of the trading engine: one simulated week of the full schedule against the Kalshi
 * simulator (live mode, the official SDK, real HTTP and WebSocket), on an accelerated, manually
 * driven clock. It checks trades within all limits, a real-time stop-loss, settlements, a circuit
 * breaker tripped by a scripted losing streak, a monthly analysis, and that the trades projection
 * equals the simulator's own ledger to the cent.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Engine, startEngine } from "../../engine/app.ts";
import type { TradeRow } from "../../engine/projections/trades/projection.ts";
import { seededIds } from "../../engine/time/random.ts";
import { allTrades } from "../../engine/trading/read-model.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { memoryLogger, simulatorConfig } from "../support/engine.ts";

const START = Date.parse("2026-01-27T06:00:00Z"); // a Tuesday; the week crosses February 1st
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let sim: RunningSimulator;
let t: TestDatabase;
let engine: Engine;
const log = memoryLogger();

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  ms = 8000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(25);
  }
}

/** Moves the shared clock in steps and runs whatever the schedule says is due. */
async function advance(ms: number, step = HOUR) {
  for (let done = 0; done < ms; done += step) {
    sim.exchange.advance(Math.min(step, ms - done));
    await engine.scheduler.runDue();
  }
}

const trades = () => allTrades(engine.db, engine.config.accountId);
const micros = (rows: TradeRow[], f: (r: TradeRow) => number) => rows.reduce((s, r) => s + f(r), 0);

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 2026,
    markets: 600,
    quiet: true,
    clock: { mode: "manual", start: START },
  });
  t = await createTestDatabase();
  const config = simulatorConfig(sim, {
    // Hourly sync keeps the test quick; the other jobs run on the seed's schedule.
    SCHEDULE_REFRESH_MARKETS: "0 * * * *",
    MAX_LOSSES_IN_STREAK: "2",
    MIN_LIQUIDITY: "500",
  });
  engine = await startEngine(config, log, {
    db: t.db,
    clock: sim.clock,
    schedule: "manual",
    ids: seededIds(42),
    realtime: true,
  });
  await waitFor("the live feed", async () => engine.feed?.connected);
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await sim?.stop();
  await t?.drop();
});

describe("a simulated week on the simulator", () => {
  test("day one: sync, scan, pick and buy within every limit", async () => {
    await advance(3 * HOUR); // to 09:00: refresh-markets ran, 07:00 report, 08:00 daily scan
    const bought = (await trades()).filter((r) => r.contracts_purchased > 0);
    expect(bought.length).toBeGreaterThan(0);
    expect(bought.length).toBeLessThanOrEqual(3);
    const spent = micros(bought, (r) => r.position_size + r.entry_fees);
    expect(spent).toBeLessThanOrEqual(100_000_000);
    for (const r of bought) {
      expect(r.allocation).toBeGreaterThanOrEqual(20_000_000);
      expect(r.allocation).toBeLessThanOrEqual(50_000_000);
      expect(r.position_size + r.entry_fees).toBeLessThanOrEqual(r.allocation);
      expect(r.entry_odds ?? 0).toBeGreaterThanOrEqual(850_000);
      expect(r.entry_odds ?? 0).toBeLessThanOrEqual(980_000);
    }
  }, 60_000);

  test("a favourite collapsing below the stop is sold by the real-time path", async () => {
    const [victim] = (await trades()).filter((r) => r.status === "open");
    if (!victim) throw new Error("no open position to collapse");
    await engine.realtime?.refresh();
    // Our side's price falls to 70¢ (for a NO position the YES price rises to 30¢).
    sim.exchange.setPrice(victim.contract_id, victim.side === "yes" ? "0.70" : "0.30", true);
    const stopped = await waitFor("a real-time stop", async () => {
      const rows = await engine.db.query<{ source: string; realized_loss: number | null }>(
        "SELECT source, realized_loss FROM stop_loss_events WHERE trade_id = $1 AND closed_at IS NOT NULL",
        [victim.id],
      );
      return rows[0];
    });
    expect(stopped.source).toBe("realtime");
    expect(stopped.realized_loss ?? 0).toBeLessThan(0);
  }, 30_000);

  test("a scripted losing streak trips the circuit breaker, and the engine then refuses to trade", async () => {
    await advance(DAY); // day two's scan buys again
    const open = (await trades()).filter((r) => r.status === "open");
    expect(open.length).toBeGreaterThanOrEqual(2);
    for (const r of open.slice(0, 2)) sim.exchange.settle(r.contract_id, r.side === "yes" ? "no" : "yes", 0);
    await engine.control.runJob("check-resolutions");
    const [state] = await engine.db.query<{ state: string; breaker: string }>(
      "SELECT state, breaker FROM trading_state WHERE account_id = $1",
      [engine.config.accountId],
    );
    expect(state).toEqual({ state: "breaker", breaker: "loss_streak" });
    const before = (await trades()).length;
    await advance(DAY);
    const after = await trades();
    const newOnes = after.slice(before);
    for (const r of newOnes) expect(r.status).toBe("rejected");
  }, 60_000);

  test("the rest of the week: resolutions settle, the month turns and a monthly analysis is written", async () => {
    await engine.control.resumeTrading("test: resume after the breaker");
    await advance(4 * DAY + 18 * HOUR);
    const rows = await trades();
    expect(rows.some((r) => r.status === "won" || r.status === "lost")).toBe(true);
    const monthly = await engine.db.query<{ month_year: string }>(
      "SELECT month_year::text FROM monthly_analysis",
    );
    expect(monthly.map((m) => m.month_year)).toContain("2026-01-01");
    const reports = await engine.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM daily_reports WHERE kind = 'morning'",
    );
    expect(reports[0]?.n ?? 0).toBeGreaterThanOrEqual(6);
  }, 120_000);

  test("the trades projection equals the simulator's ledger to the cent", async () => {
    await engine.projector.catchUp();
    const ledger = sim.exchange.ledger();
    const rows = (await trades()).filter((r) => r.contracts_purchased > 0);
    // Fees: every fee the exchange charged us is on a trade.
    expect(micros(rows, (r) => r.entry_fees + r.exit_fees)).toBe(ledger.feesTotal);
    // Positions: what we hold is what the exchange says we hold, market by market.
    const held = new Map<string, number>();
    for (const r of rows.filter((x) => x.status === "open")) {
      const signed = (r.contracts_purchased - r.contracts_sold) * (r.side === "yes" ? 1 : -1);
      held.set(r.contract_id, (held.get(r.contract_id) ?? 0) + signed);
    }
    const exchangeHeld = new Map(
      ledger.positions
        .filter((p) => (p as { position: number }).position !== 0)
        .map((p) => [(p as { ticker: string }).ticker, (p as { position: number }).position]),
    );
    expect(Object.fromEntries(held)).toEqual(Object.fromEntries(exchangeHeld));
    // Cash: starting balance + realized P&L − what open positions cost = the exchange's cash.
    const realized = micros(
      rows.filter((r) => r.pnl !== null),
      (r) => r.pnl ?? 0,
    );
    const tied = micros(
      rows.filter((r) => r.pnl === null),
      (r) => r.position_size + r.entry_fees - r.exit_proceeds + r.exit_fees,
    );
    if (ledger.deposits + realized - tied !== ledger.cash) {
      console.log(
        JSON.stringify(
          {
            rows: rows.map((r) => ({
              id: r.id.slice(0, 8),
              t: r.contract_id,
              side: r.side,
              st: r.status,
              size: r.position_size,
              fees: r.entry_fees,
              xp: r.exit_proceeds,
              xf: r.exit_fees,
              pnl: r.pnl,
              n: r.contracts_purchased,
              sold: r.contracts_sold,
            })),
            settlements: ledger.settlements,
            cash: ledger.cash,
            deposits: ledger.deposits,
            fees: ledger.feesTotal,
          },
          null,
          0,
        ),
      );
    }
    expect(ledger.deposits + realized - tied).toBe(ledger.cash);
    expect(ledger.reconciliation.balanced).toBe(true);
  });
});
