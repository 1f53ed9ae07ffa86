import { describe, expect, test } from "bun:test";
import { ReportGenerated } from "../../events/catalog/report-generated.ts";
import { buildDailyReport, dailyMetrics } from "./daily.ts";
import { $, lost, tradeRow } from "./testing.ts";
import { closedTrade } from "./trade-row.ts";

describe("closed trades", () => {
  test("settled outcomes are kept; sales are wins only when they made money", () => {
    expect(closedTrade(tradeRow())?.outcome).toBe("won");
    expect(closedTrade(tradeRow({ status: "stopped", pnl: -$(5) }))).toMatchObject({
      outcome: "lost",
      stopped: true,
      sold: true,
    });
    expect(closedTrade(tradeRow({ status: "closed", pnl: $(1) }))).toMatchObject({
      outcome: "won",
      stopped: false,
      sold: true,
    });
    expect(closedTrade(tradeRow({ status: "closed", pnl: 0 }))?.outcome).toBe("lost");
    expect(closedTrade(tradeRow({ status: "open", resolved_at: null, pnl: null }))).toBeNull();
  });
});

describe("daily metrics", () => {
  const trades = [
    tradeRow({ resolved_at: "2026-03-10T02:00:00Z" }), // 9 March in New York
    tradeRow({ resolved_at: "2026-03-10T15:00:00Z" }),
    lost({ resolved_at: "2026-03-10T16:00:00Z" }),
    tradeRow({ status: "void", pnl: -$(0.1031), resolved_at: "2026-03-10T17:00:00Z" }),
    tradeRow({ status: "stopped", pnl: -$(5.2), exit_fees: $(0.3), resolved_at: "2026-03-10T18:00:00Z" }),
    tradeRow({ status: "open", pnl: null, resolved_at: null }),
  ];

  test("by the UTC day they match the performance_metrics projection's figures", () => {
    expect(dailyMetrics(trades, "2026-03-10", "UTC")).toEqual({
      date: "2026-03-10",
      totalTrades: 5,
      wins: 2,
      losses: 2,
      voids: 1,
      stopLosses: 1,
      winRate: 0.5,
      totalInvested: 5 * $(29.5531),
      totalPnl: 2 * $(1.4469) - $(29.5531) - $(0.1031) - $(5.2),
      totalReturnPct: ((2 * $(1.4469) - $(29.5531) - $(0.1031) - $(5.2)) / (5 * $(29.5531))) * 100,
    });
  });

  test("in another zone the day boundary moves", () => {
    expect(dailyMetrics(trades, "2026-03-10", "America/New_York").totalTrades).toBe(4);
    expect(dailyMetrics(trades, "2026-03-09", "America/New_York").totalTrades).toBe(1);
  });

  test("the daily report is ReportGenerated data", () => {
    const r = buildDailyReport({ accountId: "acc", day: "2026-03-10", timeZone: "UTC", trades });
    expect(ReportGenerated.schema.parse(r)).toEqual(r);
    expect(r.reportId).toBe("report:acc:daily:2026-03-10");
    expect(r.summary).toBe(
      "2026-03-10: 5 closed (2 won, 2 lost, 1 void, 1 stopped), win rate 50.0%, P&L -$31.96 on $147.77.",
    );
  });

  test("an empty day", () => {
    const r = buildDailyReport({ accountId: "acc", day: "2026-01-01", timeZone: "UTC", trades });
    expect(r.summary).toBe("2026-01-01: no trades closed.");
    expect(r.body).toMatchObject({ totalTrades: 0, winRate: null, totalReturnPct: null });
  });
});
