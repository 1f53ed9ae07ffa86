import { describe, expect, test } from "bun:test";
import { backtestReportSchema } from "../../../events/catalog/backtest-completed.ts";
import { tradingFee } from "../../money/fees.ts";
import type { Centis, Micros } from "../../money/money.ts";
import { buildReport } from "./build.ts";
import { loadKalshiHistory } from "./history.ts";
import { renderReport } from "./render.ts";
import { FIXED_RESULTS, fixedInput } from "./testing.ts";

const history = loadKalshiHistory();
const report = buildReport(fixedInput(), history);

describe("the report of the fixed run, against figures worked by hand", () => {
  test("the fixture's fees are Kalshi's taker fees", () => {
    const fee = (cents: number, contracts: number) =>
      tradingFee((cents * 10_000) as Micros, (contracts * 100) as Centis, "taker") as number;
    expect([
      fee(90, 100),
      fee(95, 50),
      fee(88, 100),
      fee(78, 100),
      fee(92, 100),
      fee(79, 100),
      fee(97, 100),
    ]).toEqual([630_000, 166_300, 739_200, 1_201_200, 515_200, 1_161_300, 203_700]);
  });

  test("trades, wins, P&L after fees, fees paid, ROI", () => {
    const s = report.summary;
    expect(s.trades).toBe(4);
    expect(s.wins).toBe(1);
    expect(s.losses).toBe(3);
    expect(s.stopLosses).toBe(2);
    expect(s.openAtEnd).toBe(1);
    expect(s.winRate).toBe(0.25);
    // 90.63 + 47.6663 + 88.7392 + 92.5152
    expect(s.invested).toBe(319_550_700);
    // 9.37 − 47.6663 − 11.9404 − 14.6765
    expect(s.totalPnl).toBe(-64_913_200);
    // every fill's fee, the open trade's entry fee included
    expect(s.feesPaid).toBe(4_616_900);
    expect(s.roiPct).toBeCloseTo((-64_913_200 / 319_550_700) * 100, 12);
  });

  test("maximum drawdown: $1,020 peak to $980 trough", () => {
    const s = report.summary;
    expect(s.maxDrawdown).toBe(40_000_000);
    expect(s.maxDrawdownPct).toBeCloseTo(3.9215686274509802, 12);
    expect(s.maxDrawdownPeakAt).toBe("2026-11-01T12:00:00.000Z");
    expect(s.maxDrawdownTroughAt).toBe("2026-11-02T10:00:00.000Z");
    expect(s.finalEquity).toBe(1_030_000_000);
    expect(s.returnPct).toBeCloseTo(3, 12);
  });

  test("Sharpe from the daily returns 1%, −1.9802%, 0% (carried day), +4.0404%", () => {
    // mean 0.0076505150515, sample sd 0.0251029… → 0.30477 per day × √365 = 5.8225
    expect(report.summary.sharpeDays).toBe(4);
    expect(report.summary.sharpe).toBeCloseTo(5.822524194, 6);
  });

  test("the equity curve: one point per day with samples (close, low, high)", () => {
    expect(report.equityCurve).toEqual([
      { date: "2026-11-01", equity: 1_010_000_000, low: 1_000_000_000, high: 1_020_000_000 },
      { date: "2026-11-02", equity: 990_000_000, low: 980_000_000, high: 990_000_000 },
      { date: "2026-11-04", equity: 1_030_000_000, low: 1_030_000_000, high: 1_030_000_000 },
    ]);
  });

  test("calibration by entry price, next to real Kalshi history", () => {
    const c = report.calibration;
    expect(c.settled).toBe(4);
    expect(c.unsettled).toBe(1);
    expect(c.price.buckets.map((b) => [b.lower, b.trades, b.wins])).toEqual([
      [0.88, 1, 0],
      [0.9, 1, 1],
      [0.92, 1, 1],
      [0.95, 1, 0],
    ]);
    expect(c.price.kalshiSource).toEndWith("kalshi-win-rate-by-price.csv");
    const at90 = c.price.buckets[1];
    // The CSV's row for 90¢: 1,298,408 trades, 1,182,793 won.
    expect(at90?.kalshiTrades).toBe(1_298_408);
    expect(at90?.kalshiWinRate).toBeCloseTo(1_182_793 / 1_298_408, 12);
    // (0.9 − 1)² + (0.95 − 0)² + (0.88 − 0)² + (0.92 − 1)² = 1.6933, / 4
    expect(c.price.brier).toBeCloseTo(0.423325, 12);
  });

  test("wider price buckets pool the history by trade count", () => {
    const wide = buildReport(fixedInput(), history, { bucketCents: 5 });
    const b = wide.calibration.price.buckets.find((x) => x.lower === 0.9);
    expect(b?.trades).toBe(2);
    const rows = history.rows.filter((r) => r.price >= 90 && r.price < 95);
    const trades = rows.reduce((a, r) => a + r.totalTrades, 0);
    expect(b?.kalshiTrades).toBe(trades);
    expect(b?.kalshiWinRate).toBeCloseTo(rows.reduce((a, r) => a + r.wins, 0) / trades, 12);
    expect(() => buildReport(fixedInput(), history, { bucketCents: 0 })).toThrow(/bucketCents/);
  });

  test("calibration by stated confidence, with the Brier score", () => {
    const c = report.calibration.confidence;
    // (0.95 − 1)² + (0.97 − 0)² + (0.9 − 0)² + (0.92 − 1)² = 1.7598, / 4
    expect(c.brier).toBeCloseTo(0.43995, 12);
    const filled = c.buckets.filter((b) => b.count > 0);
    expect(filled.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0.9, 0.95, 2],
      [0.95, 1, 2],
    ]);
    expect(filled[0]?.meanProbability).toBeCloseTo(0.91, 12);
    expect(filled[0]?.observedFrequency).toBe(0.5);
    expect(filled[1]?.meanProbability).toBeCloseTo(0.96, 12);
    expect(filled[1]?.observedFrequency).toBe(0.5);
  });

  test("stop-loss against hold-to-resolution, trade by trade and in total", () => {
    const sv = report.stopVsHold;
    expect(sv.stopped).toBe(2);
    expect(sv.compared).toBe(2);
    expect(sv.trades.map((t) => [t.ticker, t.marketResult, t.stopPnl, t.holdPnl, t.stopEffect])).toEqual([
      ["KXCPI-26NOV-T3", "no", -11_940_400, -88_739_200, 76_798_800],
      ["KXFED-26DEC-H0", "no", -14_676_500, 7_484_800, -22_161_300],
    ]);
    expect(sv.stopPnl).toBe(-26_616_900);
    expect(sv.holdPnl).toBe(-81_254_400);
    expect(sv.saved).toBe(76_798_800);
    expect(sv.cost).toBe(22_161_300);
    expect(sv.net).toBe(54_637_500);
    expect(sv.net).toBe(sv.stopPnl - sv.holdPnl);
  });

  test("a stopped trade whose market has not settled has no hold value and stays out of the totals", () => {
    const unsettled = new Map(FIXED_RESULTS);
    unsettled.set("KXFED-26DEC-H0", "");
    const r = buildReport({ ...fixedInput(), marketResults: unsettled }, history);
    expect(r.stopVsHold.compared).toBe(1);
    expect(r.stopVsHold.trades[1]?.holdPnl).toBeNull();
    expect(r.stopVsHold.net).toBe(76_798_800);
    expect(r.calibration.unsettled).toBe(2);
  });

  test("by category and by series, best P&L first", () => {
    expect(report.byCategory.map((g) => [g.name, g.trades, g.pnl])).toEqual([
      ["Economics", 2, -26_616_900],
      ["Sports", 2, -38_296_300],
    ]);
    expect(report.bySeries.map((g) => [g.name, g.pnl])).toEqual([
      ["KXCPI", -11_940_400],
      ["KXFED", -14_676_500],
      ["KXNBA", -38_296_300],
    ]);
  });

  test("the report is what its event schema says, and survives JSON unchanged", () => {
    expect(backtestReportSchema.parse(report)).toEqual(report);
    expect(JSON.parse(renderReport(report, "json"))).toEqual(report);
    expect(report.run.source).toEqual({ kind: "sim", detail: "markets=600 seed=7" });
  });

  test("the terminal table shows the headline figures and the stop comparison", () => {
    const text = renderReport(report, "table");
    expect(text).toContain("-$64.91");
    expect(text).toContain("$4.62");
    expect(text).toContain("$40.00 (3.92%)");
    expect(text).toContain("5.82 over 4 days");
    expect(text).toContain("Stops saved $76.80 and cost $22.16: net +$54.64");
    expect(text).toContain("91.1%"); // Kalshi's win rate at 90¢
  });

  test("an empty run reports zeros and nulls, never NaN", () => {
    const empty = buildReport(
      {
        ...fixedInput(),
        trades: [],
        marketResults: new Map(),
        equity: [fixedInput().equity[0] ?? { at: "", balanceMicros: 0 }],
      },
      history,
    );
    expect(empty.summary.trades).toBe(0);
    expect(empty.summary.winRate).toBeNull();
    expect(empty.summary.sharpe).toBeNull();
    expect(empty.summary.maxDrawdown).toBe(0);
    expect(empty.calibration.price.brier).toBeNull();
    expect(JSON.stringify(empty)).not.toContain("NaN");
    expect(backtestReportSchema.safeParse(empty).success).toBe(true);
  });
});
