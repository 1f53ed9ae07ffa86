/**
 * The monthly analysis (the seed's 1st-of-month cron): every trade that closed (settled or sold)
 * in the month, in the configured zone, broken down by market type (category) and series, with
 * the calibration ledger and generated insights. The body's keys are exactly what the
 * monthly_analysis projection reads (engine/projections/monthly-analysis/projection.ts).
 *
 *   totalInvested, totalPnl  micros; invested = entry cost incl. entry fees, P&L after all fees
 *   winRate                  wins / (wins + losses), a fraction; voids count in neither
 *   avgRoi                   mean of per-trade ROI, percent (see stats.ts)
 *   topMarketTypes           up to 3 categories that made money, most P&L first
 *   worstMarketTypes         up to 3 categories that lost money, most loss first
 * (A category that broke even is in neither list, so a category never appears in both.)
 */
import { localDayKey, localMonthKey } from "../risk/local-day.ts";
import { type Calibration, calibration } from "./calibration.ts";
import type { ReportGeneratedData } from "./daily.ts";
import { insights, type RankedMarketType } from "./insights.ts";
import { reportIdFor } from "./report-id.ts";
import { groupBy, type TradeStats, tradeStats } from "./stats.ts";
import { type ClosedTrade, closedTrade, feesPaid, type ReportTradeRow } from "./trade-row.ts";

export const RANKED_TYPES = 3;

export interface MonthlyReportInput {
  accountId: string;
  /** "YYYY-MM". */
  period: string;
  timeZone: string;
  trades: readonly ReportTradeRow[];
}

export type SeriesStats = TradeStats & { categories: string[] };

export type MonthlyBody = {
  totalTrades: number;
  totalInvested: number;
  totalPnl: number;
  winRate: number | null;
  avgRoi: number | null;
  marketTypeAnalysis: Record<string, TradeStats>;
  seriesAnalysis: Record<string, SeriesStats>;
  topMarketTypes: RankedMarketType[];
  worstMarketTypes: RankedMarketType[];
  calibration: Calibration;
  insights: string;
};

/** The month before the one `now` falls in, in the zone: what the 1st-of-month job reports on. */
export function previousMonth(now: number, timeZone: string): string {
  const [y, m] = localDayKey(now, timeZone).split("-").map(Number);
  if (y === undefined || m === undefined) throw new RangeError("unreadable local date");
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

const rank = ([category, s]: [string, TradeStats]): RankedMarketType => ({
  category,
  trades: s.trades,
  pnl: s.pnl,
  roi: s.roi,
  winRate: s.winRate,
});
const byName = (a: RankedMarketType, b: RankedMarketType) => (a.category < b.category ? -1 : 1);

export function buildMonthlyReport(input: MonthlyReportInput): ReportGeneratedData {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period))
    throw new RangeError(`period ${input.period} is not YYYY-MM`);
  const closed: ClosedTrade[] = [];
  for (const t of input.trades) {
    const c = closedTrade(t);
    if (c && localMonthKey(c.closedAt, input.timeZone) === input.period) closed.push(c);
  }
  const totals = tradeStats(closed);

  const byCategory = groupBy(closed, (c) => c.row.category).map(([k, g]): [string, TradeStats] => [
    k,
    tradeStats(g),
  ]);
  const bySeries = groupBy(closed, (c) => c.row.series_ticker).map(([k, g]): [string, SeriesStats] => [
    k,
    { ...tradeStats(g), categories: [...new Set(g.map((c) => c.row.category))].sort() },
  ]);

  const ranked = byCategory.map(rank);
  const top = ranked
    .filter((r) => r.pnl > 0)
    .sort((a, b) => b.pnl - a.pnl || byName(a, b))
    .slice(0, RANKED_TYPES);
  const worst = ranked
    .filter((r) => r.pnl < 0)
    .sort((a, b) => a.pnl - b.pnl || byName(a, b))
    .slice(0, RANKED_TYPES);

  let busiest: { series: string; stats: TradeStats } | null = null;
  for (const [series, stats] of bySeries)
    if (!busiest || stats.trades > busiest.stats.trades) busiest = { series, stats };

  const ledger = calibration(closed);
  const lines = insights({
    period: input.period,
    totals,
    fees: closed.reduce((a, c) => a + feesPaid(c.row), 0),
    top,
    worst,
    busiestSeries: busiest,
    calibration: ledger,
  });

  const body: MonthlyBody = {
    totalTrades: totals.trades,
    totalInvested: totals.invested,
    totalPnl: totals.pnl,
    winRate: totals.winRate,
    avgRoi: totals.avgRoi,
    marketTypeAnalysis: Object.fromEntries(byCategory),
    seriesAnalysis: Object.fromEntries(bySeries),
    topMarketTypes: top,
    worstMarketTypes: worst,
    calibration: ledger,
    insights: lines.join("\n"),
  };
  return {
    reportId: reportIdFor(input.accountId, "monthly", input.period),
    kind: "monthly",
    period: input.period,
    summary: lines[0] ?? "",
    body,
  };
}
