/**
 * The report on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): computed from the
 * projection tables the engine writes, recorded as BacktestCompleted, projected into `backtests`
 * and read back through GraphQL (yoga.fetch, the whole pipeline).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { codes, gql } from "../../api/testing/client.ts";
import { type ApiFixture, apiFixture } from "../../api/testing/fixture.ts";
import { IDS, START, TICKERS } from "../../api/testing/seed.ts";
import { settleLog } from "../../cli/testing.ts";
import { backtestsProjection } from "../../projections/backtests/projection.ts";
import { verifyProjections } from "../../projections/verify.ts";
import { computeReport, recordBacktest } from "./index.ts";
import type { ReportRun } from "./input.ts";
import type { BacktestReport } from "./types.ts";

let f: ApiFixture;
let run: ReportRun;
let report: BacktestReport;
let id: string;

beforeAll(async () => {
  f = await apiFixture();
  // The stopped trade's market (YES held) settles YES after the stop: holding would have paid.
  await f.history.append(`market-${TICKERS.stopped}`, [
    {
      type: "MarketObserved",
      data: {
        ticker: TICKERS.stopped,
        eventTicker: "KXFED-26DEC",
        seriesTicker: "KXFED",
        title: `Will ${TICKERS.stopped} happen?`,
        category: "Economics",
        status: "finalized",
        result: "yes",
        closeTime: "2026-11-26T00:00:00.000Z",
        yesBid: null,
        yesAsk: null,
        noBid: null,
        noAsk: null,
        yesBidSize: 0,
        yesAskSize: 0,
        lastPrice: 990_000,
        volume: 1_000_000,
        openInterest: 0,
      },
    },
  ]);
  // PostgreSQL's snapshot horizon is cluster-wide: wait (bounded) until every append is projected.
  await settleLog(f.t.db);
  run = {
    db: f.t.db,
    parameters: { STOP_LOSS_THRESHOLD: "0.80" },
    from: START,
    to: "2026-11-27T00:00:00.000Z",
    source: { kind: "log" },
    selector: "recorded",
    eventsProcessed: 42,
    equity: [
      { at: START, balanceMicros: 1_000_000_000 },
      { at: "2026-11-21T08:00:00.000Z", balanceMicros: 1_010_000_000 },
      { at: "2026-11-22T08:00:00.000Z", balanceMicros: 995_000_000 },
    ],
    startingBalanceMicros: 1_000_000_000,
    aiSpentMicros: 0,
  };
  report = await computeReport(run);
  id = await recordBacktest(f.history.store, run, report, { backtestId: "bt-0001" });
  await settleLog(f.t.db);
});

afterAll(() => f.close());

describe("a backtest on the database", () => {
  test("the report's totals agree with the API's own figures over the same trades", async () => {
    const r = await gql<{
      overview: {
        realizedPnl: { micros: string };
        feesPaid: { micros: string };
        wins: number;
        losses: number;
        stopLosses: number;
        closedTrades: number;
      };
    }>(
      f.api,
      "{ overview { realizedPnl { micros } feesPaid { micros } wins losses stopLosses closedTrades } }",
    );
    const o = r.data?.overview;
    if (!o) throw new Error(`no overview: ${r.text}`);
    expect(report.summary.trades).toBeGreaterThan(0);
    expect(String(report.summary.totalPnl)).toBe(o.realizedPnl.micros);
    expect(String(report.summary.feesPaid)).toBe(o.feesPaid.micros);
    expect([
      report.summary.wins,
      report.summary.losses,
      report.summary.stopLosses,
      report.summary.trades,
    ]).toEqual([o.wins, o.losses, o.stopLosses, o.closedTrades]);
    expect(report.stopVsHold.stopped).toBe(report.summary.stopLosses);
  });

  test("the stopped trade against holding it: $40 paid at settlement minus its entry cost", async () => {
    const [trade] = await f.t.db.query<{ r: { position_size: number; entry_fees: number; pnl: number } }>(
      "SELECT to_jsonb(t) AS r FROM trades t WHERE id = $1",
      [IDS.stoppedTrade],
    );
    const entryCost = (trade?.r.position_size ?? 0) + (trade?.r.entry_fees ?? 0);
    const [row] = report.stopVsHold.trades;
    expect(report.stopVsHold.compared).toBe(1);
    expect(row?.marketResult).toBe("yes");
    // 40 YES contracts pay $1 each.
    expect(row?.holdPnl).toBe(40_000_000 - entryCost);
    expect(row?.stopPnl).toBe(trade?.r.pnl as number);
    expect(row?.stopEffect).toBe((trade?.r.pnl as number) - (40_000_000 - entryCost));
    expect(report.stopVsHold.cost).toBe(-(row?.stopEffect as number));
  });

  test("the backtests projection holds the headline figures and the report", async () => {
    const [row] = await f.t.db.query<{ r: Record<string, unknown> }>(
      "SELECT to_jsonb(t) AS r FROM backtests t WHERE id = $1",
      [id],
    );
    expect(row?.r.total_pnl).toBe(report.summary.totalPnl);
    expect(row?.r.selector).toBe("recorded");
    expect(row?.r.source_kind).toBe("log");
    expect(row?.r.report).toEqual(report);
  });

  test("recording the same backtest twice is refused", async () => {
    await expect(recordBacktest(f.history.store, run, report, { backtestId: id })).rejects.toThrow();
  });

  test("a report is never filed under another run", async () => {
    await expect(recordBacktest(f.history.store, { ...run, eventsProcessed: 43 }, report)).rejects.toThrow(
      /not this run's/,
    );
  });

  test("rebuilding the projections from the log reproduces the backtests table", async () => {
    const verify = await verifyProjections(f.t.db, [backtestsProjection]);
    expect(verify.totalDifferences).toBe(0);
  });

  test("GraphQL: backtests lists it, backtest(id) shows the report", async () => {
    const list = await gql<{
      backtests: {
        totalCount: number;
        nodes: { id: string; totalPnl: { micros: string }; trades: number }[];
      };
    }>(f.api, "{ backtests(first: 5) { totalCount nodes { id trades totalPnl { micros } } } }");
    expect(list.errors).toEqual([]);
    expect(list.data?.backtests.totalCount).toBe(1);
    expect(list.data?.backtests.nodes[0]).toEqual({
      id,
      trades: report.summary.trades,
      totalPnl: { micros: String(report.summary.totalPnl) },
    });

    const one = await gql<{ backtest: Record<string, unknown> }>(
      f.api,
      `query ($id: ID!) { backtest(id: $id) {
        id from to source sourceDetail selector parameters { name value } eventsProcessed
        startingBalance { micros } winRate feesPaid { micros } maxDrawdown { micros display } maxDrawdownPct
        sharpe sharpeDays equityCurve { date equity { micros } low { micros } high { micros } }
        priceCalibration { lower upper trades wins winRate kalshiTrades kalshiWinRate } priceBrier
        confidenceCalibration { lower upper count meanProbability observedFrequency } confidenceBrier
        byCategory { name trades pnl { micros } } bySeries { name pnl { micros } }
        stopVsHold { stopped compared net { micros } trades { tradeId side marketResult stopPnl { micros } holdPnl { micros } stopEffect { micros } } }
        conventions { name definition }
      } }`,
      { variables: { id } },
    );
    expect(one.errors).toEqual([]);
    const b = one.data?.backtest as Record<string, unknown>;
    expect(b.from).toBe(START);
    expect(b.parameters).toEqual([{ name: "STOP_LOSS_THRESHOLD", value: "0.80" }]);
    expect(b.maxDrawdown).toEqual({ micros: "15000000", display: "$15.00" });
    expect(b.equityCurve).toEqual([
      {
        date: "2026-11-20",
        equity: { micros: "1000000000" },
        low: { micros: "1000000000" },
        high: { micros: "1000000000" },
      },
      {
        date: "2026-11-21",
        equity: { micros: "1010000000" },
        low: { micros: "1010000000" },
        high: { micros: "1010000000" },
      },
      {
        date: "2026-11-22",
        equity: { micros: "995000000" },
        low: { micros: "995000000" },
        high: { micros: "995000000" },
      },
    ]);
    expect((b.priceCalibration as unknown[]).length).toBe(report.calibration.price.buckets.length);
    expect(b.byCategory).toEqual(
      report.byCategory.map((g) => ({ name: g.name, trades: g.trades, pnl: { micros: String(g.pnl) } })),
    );
    const sv = b.stopVsHold as { net: { micros: string }; trades: { side: string }[] };
    expect(sv.net.micros).toBe(String(report.stopVsHold.net));
    for (const t of sv.trades) expect(["YES", "NO"]).toContain(t.side);
    expect((b.conventions as { name: string }[]).map((c) => c.name)).toContain("sharpe");

    const missing = await gql<{ backtest: unknown }>(f.api, '{ backtest(id: "no-such-backtest") { id } }');
    expect(missing.data?.backtest).toBeNull();
    expect(codes(missing)).toEqual([]);
  });
});
