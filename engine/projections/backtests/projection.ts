import type { BacktestReport } from "../../backtest/report/types.ts";
import { defineProjection } from "../projection.ts";

export interface BacktestRow extends Record<string, unknown> {
  id: string;
  account_id: string;
  completed_at: string;
  from_time: string;
  to_time: string;
  source_kind: string;
  source_detail: string;
  selector: string;
  parameters: Record<string, string>;
  events_processed: number;
  trades: number;
  wins: number;
  losses: number;
  win_rate: number | null;
  total_pnl: number;
  fees_paid: number;
  roi_pct: number | null;
  max_drawdown: number;
  max_drawdown_pct: number | null;
  sharpe: number | null;
  brier: number | null;
  report: BacktestReport;
}

/** Every recorded backtest, for the dashboard's Backtests page. A backtest is recorded once. */
export const backtestsProjection = defineProjection<BacktestRow>({
  name: "backtests",
  version: 1,
  table: "backtests",
  primaryKey: ["id"],
  handles: ["BacktestCompleted"],
  keyOf: (e) => (e.type === "BacktestCompleted" ? [e.data.backtestId] : null),
  evolve(row, event) {
    if (event.type !== "BacktestCompleted") return row;
    const { backtestId, report } = event.data;
    const s = report.summary;
    return {
      id: backtestId,
      account_id: event.metadata.accountId,
      completed_at: event.metadata.occurredAt,
      from_time: report.run.from,
      to_time: report.run.to,
      source_kind: report.run.source.kind,
      source_detail: report.run.source.detail,
      selector: report.run.selector,
      parameters: report.run.parameters,
      events_processed: report.run.eventsProcessed,
      trades: s.trades,
      wins: s.wins,
      losses: s.losses,
      win_rate: s.winRate,
      total_pnl: s.totalPnl,
      fees_paid: s.feesPaid,
      roi_pct: s.roiPct,
      max_drawdown: s.maxDrawdown,
      max_drawdown_pct: s.maxDrawdownPct,
      sharpe: s.sharpe,
      brier: report.calibration.confidence.brier,
      report,
    };
  },
});
