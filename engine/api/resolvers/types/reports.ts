import type { DailyReportRow } from "../../../projections/daily-reports/projection.ts";
import type { MonthlyAnalysisRow } from "../../../projections/monthly-analysis/projection.ts";

export const MonthlyAnalysis = {
  month: (m: MonthlyAnalysisRow) => String(m.month_year).slice(0, 7),
  reportId: (m: MonthlyAnalysisRow) => m.report_id,
  generatedAt: (m: MonthlyAnalysisRow) => m.generated_at,
  totalTrades: (m: MonthlyAnalysisRow) => m.total_trades,
  totalInvested: (m: MonthlyAnalysisRow) => m.total_invested,
  totalPnl: (m: MonthlyAnalysisRow) => m.total_pnl,
  winRate: (m: MonthlyAnalysisRow) => m.win_rate,
  avgRoi: (m: MonthlyAnalysisRow) => m.avg_roi,
  marketTypeAnalysis: (m: MonthlyAnalysisRow) => m.market_type_analysis,
  seriesAnalysis: (m: MonthlyAnalysisRow) => m.series_analysis,
  topMarketTypes: (m: MonthlyAnalysisRow) => m.top_market_types,
  worstMarketTypes: (m: MonthlyAnalysisRow) => m.worst_market_types,
};

export const DailyReport = {
  date: (r: DailyReportRow) => r.report_date,
  reportId: (r: DailyReportRow) => r.report_id,
  generatedAt: (r: DailyReportRow) => r.generated_at,
};
