import { describe, expect, test } from "bun:test";
import { ReportGenerated } from "../../events/catalog/report-generated.ts";
import type { DomainEvent } from "../../events/codec.ts";
import { monthlyAnalysisProjection } from "../projections/monthly-analysis/projection.ts";
import { bucketOf } from "./calibration.ts";
import { buildMonthlyReport, type MonthlyBody, previousMonth } from "./monthly.ts";
import { $, lost, tradeRow } from "./testing.ts";

const march = (day: number, hour = 15) =>
  `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`;

// 6 Sports wins at 0.92 confidence, 2 Sports losses; Politics: 1 stop at a loss, 1 loss;
// Weather: 1 void; one trade closed in February and one still open are not March's.
const trades = [
  ...Array.from({ length: 6 }, (_, i) =>
    tradeRow({ id: `sw${i}`, ai_confidence: 0.92, resolved_at: march(i + 2) }),
  ),
  lost({ id: "sl0", ai_confidence: 0.92, resolved_at: march(10) }),
  lost({ id: "sl1", ai_confidence: 0.92, series_ticker: "KXNFL", resolved_at: march(11) }),
  tradeRow({
    id: "ps",
    category: "Politics",
    series_ticker: "KXPRES",
    status: "stopped",
    pnl: -$(6),
    exit_fees: $(0.4),
    ai_confidence: 0.9,
    resolved_at: march(12),
  }),
  lost({
    id: "pl",
    category: "Politics",
    series_ticker: "KXPRES",
    ai_confidence: 0.97,
    resolved_at: march(13),
  }),
  tradeRow({
    id: "wv",
    category: "Weather",
    series_ticker: "KXRAIN",
    status: "void",
    pnl: -$(0.1031),
    resolved_at: march(14),
  }),
  tradeRow({ id: "feb", resolved_at: "2026-02-28T12:00:00.000Z" }),
  tradeRow({ id: "open", status: "open", pnl: null, resolved_at: null }),
];

const report = buildMonthlyReport({ accountId: "acc", period: "2026-03", timeZone: "UTC", trades });
const body = report.body as MonthlyBody;
const WIN = $(1.4469);
const LOSS = -$(29.5531);

describe("monthly analysis", () => {
  test("the body has exactly the keys the monthly_analysis projection reads", () => {
    expect(Object.keys(body)).toEqual([
      "totalTrades",
      "totalInvested",
      "totalPnl",
      "winRate",
      "avgRoi",
      "marketTypeAnalysis",
      "seriesAnalysis",
      "topMarketTypes",
      "worstMarketTypes",
      "calibration",
      "insights",
    ]);
    expect(ReportGenerated.schema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      reportId: "report:acc:monthly:2026-03",
      kind: "monthly",
      period: "2026-03",
    });
  });

  test("totals: win rate over decided trades, avg ROI per trade in percent", () => {
    expect(body.totalTrades).toBe(11);
    expect(body.totalInvested).toBe(11 * $(29.5531));
    expect(body.totalPnl).toBe(6 * WIN + 3 * LOSS - $(6) - $(0.1031));
    expect(body.winRate).toBe(6 / 10);
    const rois = [...Array(6).fill(WIN), LOSS, LOSS, -$(6), LOSS, -$(0.1031)].map(
      (p) => (p / $(29.5531)) * 100,
    );
    expect(body.avgRoi).toBeCloseTo(rois.reduce((a, b) => a + b, 0) / rois.length, 10);
  });

  test("per market type and per series, keys in sorted order", () => {
    expect(Object.keys(body.marketTypeAnalysis)).toEqual(["Politics", "Sports", "Weather"]);
    expect(body.marketTypeAnalysis.Sports).toMatchObject({
      trades: 8,
      wins: 6,
      losses: 2,
      pnl: 6 * WIN + 2 * LOSS,
    });
    expect(body.marketTypeAnalysis.Politics).toMatchObject({ trades: 2, wins: 0, losses: 2, stopLosses: 1 });
    expect(body.marketTypeAnalysis.Weather).toMatchObject({ trades: 1, voids: 1, winRate: null });
    expect(Object.keys(body.seriesAnalysis)).toEqual(["KXNBA", "KXNFL", "KXPRES", "KXRAIN"]);
    expect(body.seriesAnalysis.KXNBA).toMatchObject({ trades: 7, categories: ["Sports"] });
  });

  test("top and worst market types never overlap", () => {
    // Sports: 6 × 1.4469 − 2 × 29.5531 < 0, so every category lost money this month.
    expect(body.topMarketTypes).toEqual([]);
    expect(body.worstMarketTypes.map((r) => r.category)).toEqual(["Sports", "Politics", "Weather"]);
  });

  test("calibration: settled trades only, by stated-confidence bucket", () => {
    expect(body.calibration.excluded).toEqual({ sold: 1, void: 1 });
    expect(body.calibration.settled).toBe(9);
    expect(body.calibration.buckets.map((b) => [b.range, b.trades, b.wins])).toEqual([
      ["0.90-0.95", 8, 6],
      ["0.95-1.00", 1, 0],
    ]);
    const b = body.calibration.buckets[0];
    expect(b?.statedMean).toBeCloseTo(0.92, 12);
    expect(b?.observedWinRate).toBe(0.75);
    expect(b?.gap).toBeCloseTo(-0.17, 12);
    expect(b?.marketMean).toBeCloseTo(0.95, 12);
    expect(body.calibration.brierScore).toBeCloseTo((6 * 0.08 ** 2 + 2 * 0.92 ** 2 + 0.97 ** 2) / 9, 12);
  });

  test("insights are deterministic text from the figures", () => {
    expect(body.insights.split("\n")).toEqual([
      "11 trades closed in 2026-03: 6 won, 4 lost, 1 void; win rate 60.0%; P&L -$86.08 on $325.08 invested (ROI -26.5%).",
      "Fees paid: $1.53.",
      "Worst market types: Sports (-$50.42 over 8 trades, ROI -21.3%); Politics (-$35.55 over 2 trades, ROI -60.2%); Weather (-$0.10 over 1 trade, ROI -0.3%).",
      "Most traded series: KXNBA (7 trades, -$20.87).",
      "1 position was sold by the stop-loss (9.1% of closed trades).",
      "Overconfident at 0.90-0.95: stated 92.0%, won 75.0% (8 trades). Brier 0.2969 vs market 0.3025.",
    ]);
    expect(report.summary).toBe(body.insights.split("\n")[0] as string);
    expect(buildMonthlyReport({ accountId: "acc", period: "2026-03", timeZone: "UTC", trades })).toEqual(
      report,
    );
  });

  test("the monthly_analysis projection reads every figure from it", () => {
    const event = {
      type: "ReportGenerated",
      data: report,
      metadata: { accountId: "acc", occurredAt: "2026-04-01T05:00:00.000Z" },
    } as unknown as DomainEvent;
    expect(monthlyAnalysisProjection.evolve(null, event)).toEqual({
      account_id: "acc",
      month_year: "2026-03-01",
      report_id: "report:acc:monthly:2026-03",
      generated_at: "2026-04-01T05:00:00.000Z",
      total_trades: 11,
      total_invested: body.totalInvested,
      total_pnl: body.totalPnl,
      win_rate: 0.6,
      avg_roi: body.avgRoi,
      market_type_analysis: body.marketTypeAnalysis,
      series_analysis: body.seriesAnalysis,
      top_market_types: [],
      worst_market_types: body.worstMarketTypes,
      calibration: body.calibration,
      insights: body.insights,
    });
  });

  test("a month in another zone takes trades by local close time", () => {
    const edge = [tradeRow({ resolved_at: "2026-04-01T02:00:00.000Z" })]; // 31 March, 22:00 in New York
    expect(
      (
        buildMonthlyReport({ accountId: "a", period: "2026-03", timeZone: "America/New_York", trades: edge })
          .body as MonthlyBody
      ).totalTrades,
    ).toBe(1);
    expect(
      (
        buildMonthlyReport({ accountId: "a", period: "2026-03", timeZone: "UTC", trades: edge })
          .body as MonthlyBody
      ).totalTrades,
    ).toBe(0);
  });

  test("a month without trades says so", () => {
    const r = buildMonthlyReport({ accountId: "a", period: "2025-12", timeZone: "UTC", trades });
    expect(r.summary).toBe("No trades closed in 2025-12.");
    expect(r.body).toMatchObject({
      totalTrades: 0,
      winRate: null,
      avgRoi: null,
      topMarketTypes: [],
      worstMarketTypes: [],
    });
    expect(() => buildMonthlyReport({ accountId: "a", period: "2026-13", timeZone: "UTC", trades })).toThrow(
      RangeError,
    );
  });

  test("a profitable category is a top market type", () => {
    const r = buildMonthlyReport({
      accountId: "a",
      period: "2026-03",
      timeZone: "UTC",
      trades: [tradeRow({ resolved_at: march(3) })],
    });
    expect((r.body as MonthlyBody).topMarketTypes).toEqual([
      { category: "Sports", trades: 1, pnl: WIN, roi: (WIN / $(29.5531)) * 100, winRate: 1 },
    ]);
  });
});

test("previousMonth and bucket edges", () => {
  expect(previousMonth(Date.parse("2026-01-01T05:00:00Z"), "UTC")).toBe("2025-12");
  expect(previousMonth(Date.parse("2026-04-01T02:00:00Z"), "America/New_York")).toBe("2026-02");
  // Probabilities are read to the millionth, so float noise like 0.95 = 18.999… × 0.05 cannot misfile them.
  expect([0.9, 0.95, 0.949999, 1, 0, 1.2, -0.1].map(bucketOf)).toEqual([18, 19, 18, 19, 0, 19, 0]);
});
