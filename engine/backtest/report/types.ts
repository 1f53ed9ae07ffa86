/**
 * The backtest report's type is its event schema's output (events/catalog/backtest-completed.ts):
 * what the CLI prints, `--json` writes, the BacktestCompleted event stores and the dashboard reads
 * are one shape, checked by zod wherever it crosses a boundary.
 */
import type { z } from "zod";
import type { backtestReportSchema } from "../../../events/catalog/backtest-completed.ts";

export type BacktestReport = z.output<typeof backtestReportSchema>;
export type ReportSummary = BacktestReport["summary"];
export type ReportGroup = BacktestReport["byCategory"][number];
export type PriceBucket = BacktestReport["calibration"]["price"]["buckets"][number];
export type StopVsHold = BacktestReport["stopVsHold"];
export type StoppedTradeComparison = StopVsHold["trades"][number];
export type EquityDay = BacktestReport["equityCurve"][number];
