import { defineProjection } from "../projection.ts";

export interface MonthlyAnalysisRow extends Record<string, unknown> {
  account_id: string;
  month_year: string;
  report_id: string;
  generated_at: string;
  total_trades: number;
  total_invested: number;
  total_pnl: number;
  win_rate: number | null;
  avg_roi: number | null;
  market_type_analysis: unknown;
  series_analysis: unknown;
  top_market_types: unknown;
  worst_market_types: unknown;
  calibration: unknown;
  insights: string;
}

const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const numOrNull = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The monthly report's figures, one row a month: the seed's `monthly_analysis`. */
export const monthlyAnalysisProjection = defineProjection<MonthlyAnalysisRow>({
  name: "monthly_analysis",
  version: 1,
  table: "monthly_analysis",
  primaryKey: ["account_id", "month_year"],
  handles: ["ReportGenerated"],
  keyOf: (e) =>
    e.type === "ReportGenerated" && e.data.kind === "monthly"
      ? [e.metadata.accountId, `${e.data.period}-01`]
      : null,
  evolve(row, event) {
    if (event.type !== "ReportGenerated" || event.data.kind !== "monthly") return row;
    const b = event.data.body;
    return {
      account_id: event.metadata.accountId,
      month_year: `${event.data.period}-01`,
      report_id: event.data.reportId,
      generated_at: event.metadata.occurredAt,
      total_trades: num(b.totalTrades, 0),
      total_invested: num(b.totalInvested, 0),
      total_pnl: num(b.totalPnl, 0),
      win_rate: numOrNull(b.winRate),
      avg_roi: numOrNull(b.avgRoi),
      market_type_analysis: b.marketTypeAnalysis ?? {},
      series_analysis: b.seriesAnalysis ?? {},
      top_market_types: b.topMarketTypes ?? [],
      worst_market_types: b.worstMarketTypes ?? [],
      calibration: b.calibration ?? {},
      insights: typeof b.insights === "string" ? b.insights : event.data.summary,
    };
  },
});
