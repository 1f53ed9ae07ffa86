import type { BacktestRow } from "../../../projections/backtests/projection.ts";

/**
 * A backtests row: headline columns, and the recorded report for everything else. Money fields
 * return integer micros (the Money type formats them); the report's shapes already match the SDL.
 */
export const Backtest = {
  completedAt: (b: BacktestRow) => b.completed_at,
  from: (b: BacktestRow) => b.from_time,
  to: (b: BacktestRow) => b.to_time,
  source: (b: BacktestRow) => b.source_kind,
  sourceDetail: (b: BacktestRow) => b.source_detail,
  parameters: (b: BacktestRow) =>
    Object.entries(b.parameters)
      .sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
      .map(([name, value]) => ({ name, value })),
  eventsProcessed: (b: BacktestRow) => b.events_processed,
  startingBalance: (b: BacktestRow) => b.report.run.startingBalance,
  aiSpent: (b: BacktestRow) => b.report.run.aiSpent,
  voids: (b: BacktestRow) => b.report.summary.voids,
  stopLosses: (b: BacktestRow) => b.report.summary.stopLosses,
  openAtEnd: (b: BacktestRow) => b.report.summary.openAtEnd,
  winRate: (b: BacktestRow) => b.win_rate,
  totalPnl: (b: BacktestRow) => b.total_pnl,
  feesPaid: (b: BacktestRow) => b.fees_paid,
  invested: (b: BacktestRow) => b.report.summary.invested,
  roiPct: (b: BacktestRow) => b.roi_pct,
  finalEquity: (b: BacktestRow) => b.report.summary.finalEquity,
  returnPct: (b: BacktestRow) => b.report.summary.returnPct,
  maxDrawdown: (b: BacktestRow) => b.max_drawdown,
  maxDrawdownPct: (b: BacktestRow) => b.max_drawdown_pct,
  sharpe: (b: BacktestRow) => b.sharpe,
  sharpeDays: (b: BacktestRow) => b.report.summary.sharpeDays,
  equityCurve: (b: BacktestRow) => b.report.equityCurve,
  priceCalibration: (b: BacktestRow) => b.report.calibration.price.buckets,
  priceBrier: (b: BacktestRow) => b.report.calibration.price.brier,
  kalshiSource: (b: BacktestRow) => b.report.calibration.price.kalshiSource,
  confidenceCalibration: (b: BacktestRow) => b.report.calibration.confidence.buckets,
  confidenceBrier: (b: BacktestRow) => b.report.calibration.confidence.brier,
  byCategory: (b: BacktestRow) => b.report.byCategory,
  bySeries: (b: BacktestRow) => b.report.bySeries,
  stopVsHold: (b: BacktestRow) => b.report.stopVsHold,
  conventions: (b: BacktestRow) =>
    Object.entries(b.report.conventions).map(([name, definition]) => ({ name, definition })),
};
